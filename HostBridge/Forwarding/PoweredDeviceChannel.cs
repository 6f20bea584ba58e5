using HemSim.Firmware.Device;
using HemSim.Transport;

namespace HemSim.HostBridge.Forwarding;

/// <summary>
/// The embedded device's channel seen through its power switch. After <c>GET /api/system/shutdown</c> the real
/// device drops off the USB bus, so nothing answers; the bridge models that exactly as it models a serial device
/// that is away (<c>ReconnectingDeviceChannel</c>): <see cref="SendAsync"/> throws <see cref="LinkClosedException"/>
/// and the client gets 503 with an empty body (<c>BridgeStatus.DeviceUnavailable</c>) until the device is powered on
/// again. The listeners stay up, so a client sees "503" rather than "connection refused": the bridge is the USB
/// network adapter, which is still plugged in.
/// </summary>
/// <remarks>
/// The power state is read from the device, the only owner of it; the bridge keeps nothing. A request that passed
/// the check just before the device went off reaches a device that refuses it
/// (<see cref="DevicePoweredOffException"/>, carried back as a rejection); it gets the same 503.
/// </remarks>
internal sealed class PoweredDeviceChannel(IDeviceChannel channel, Func<bool> isPoweredOn) : IDeviceChannel
{
    private const string Off = "The device is shut down; it answers again after a power-on.";

    public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        if (!isPoweredOn())
        {
            throw new LinkClosedException(Off);
        }
        try
        {
            return await channel.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TransportProtocolException exception) when (!isPoweredOn())
        {
            throw new LinkClosedException(Off, exception);
        }
    }

    public ValueTask DisposeAsync() => channel.DisposeAsync();
}
