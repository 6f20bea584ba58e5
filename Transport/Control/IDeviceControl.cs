namespace HemSim.Transport.Control;

/// <summary>
/// A host-side device channel that can also carry control operations (PROTOCOL.md §6.5), apart from API requests.
/// The bridge uses it to fetch the device's TLS identity; a channel without it simply has none to offer.
/// </summary>
public interface IDeviceControl
{
    /// <summary>Sends one control operation and returns the device's answer.</summary>
    /// <exception cref="LinkClosedException">The link is down or was closed.</exception>
    Task<ControlResult> ControlAsync(ControlOperation operation, ReadOnlyMemory<byte> argument, CancellationToken cancellationToken = default);
}
