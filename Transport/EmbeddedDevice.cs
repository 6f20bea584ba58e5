using HemSim.Firmware.Device;
using HemSim.Transport.Control;
using HemSim.Transport.Links;
using HemSim.Transport.Session;

namespace HemSim.Transport;

/// <summary>
/// The default set-up: the device runs in the bridge's process, yet every request still travels as frames
/// over a byte stream (an <see cref="InMemoryLink"/>), exactly as it would over a serial port.
/// </summary>
public static class EmbeddedDevice
{
    /// <summary>
    /// Wires <paramref name="handler"/> (<c>HemDevice.ProcessAsync</c>) to a <see cref="HostSession"/> over an
    /// in-memory link and completes after the Hello handshake. Disposing the channel stops both ends.
    /// </summary>
    public static Task<IDeviceChannel> StartAsync(Func<ApiRequest, CancellationToken, Task<ApiResponse>> handler,
        string deviceIdentity, CancellationToken ct = default) =>
        StartAsync(handler, deviceIdentity, DeviceSessionOptions.Default, HostSessionOptions.Default, ct);

    /// <inheritdoc cref="StartAsync(Func{ApiRequest, CancellationToken, Task{ApiResponse}}, string, CancellationToken)"/>
    /// <param name="deviceOptions">The device end's options (control handler, window, tap); null for the defaults.</param>
    /// <param name="hostOptions">The host end's options (timeouts, tap); null for the defaults.</param>
    public static async Task<IDeviceChannel> StartAsync(Func<ApiRequest, CancellationToken, Task<ApiResponse>> handler,
        string deviceIdentity, DeviceSessionOptions? deviceOptions, HostSessionOptions? hostOptions,
        CancellationToken ct = default)
    {
        (var hostEnd, var deviceEnd) = InMemoryLink.CreatePair();
        DeviceSession device = DeviceSession.Start(deviceEnd, handler, deviceIdentity, deviceOptions);
        try
        {
            HostSession host = await HostSession.ConnectAsync(hostEnd, hostOptions ?? HostSessionOptions.Default, ct)
                .ConfigureAwait(false);
            return new EmbeddedDeviceChannel(host, device);
        }
        catch
        {
            await device.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class EmbeddedDeviceChannel(HostSession host, DeviceSession device) : IDeviceChannel, IDeviceControl
    {
        public Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken = default) =>
            host.SendAsync(request, cancellationToken);

        public Task<ControlResult> ControlAsync(ControlOperation operation, ReadOnlyMemory<byte> argument, CancellationToken cancellationToken = default) =>
            host.ControlAsync(operation, argument, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await host.DisposeAsync().ConfigureAwait(false);
            await device.DisposeAsync().ConfigureAwait(false);
        }
    }
}
