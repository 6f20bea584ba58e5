using HemSim.Firmware.Tls;

namespace HemSim.Firmware.Device;

public sealed partial class HemDevice
{
    /// <summary>
    /// The TLS identity the device serves this boot, for the host bridge (simulator control, never API).
    /// Returns null when it still equals the one tagged <paramref name="knownTag"/>, so that asking on every
    /// TLS handshake costs one hash and the private key crosses only when something changed (a boot, provisioning).
    /// </summary>
    public Task<TlsIdentityExport?> ExportTlsIdentityAsync(ReadOnlyMemory<byte> knownTag, CancellationToken cancellationToken = default) =>
        RunAsync(core => TlsIdentity.Export(core, knownTag.Span), null, cancellationToken);
}
