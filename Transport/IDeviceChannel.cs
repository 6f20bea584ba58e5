using HemSim.Firmware.Device;

namespace HemSim.Transport;

/// <summary>The host side view of a device: what the HTTP bridge calls.</summary>
public interface IDeviceChannel : IAsyncDisposable
{
    /// <summary>
    /// Sends one request and returns the device's response. Many calls may be in flight at once; the device
    /// handles them one at a time in the order they reached it. A request lost on the way, or whose response
    /// was lost, is repeated by the transport; the device never carries it out twice.
    /// </summary>
    /// <exception cref="LinkClosedException">The link is down or was closed, before or while waiting.</exception>
    /// <exception cref="TransportProtocolException">The device rejected the request or answered with bytes that do not decode.</exception>
    /// <exception cref="Session.DeviceTimeoutException">The device showed no progress on the request through every retransmission.</exception>
    /// <remarks>
    /// Cancelling stops the wait only: a request that has left cannot be recalled, and the device may still
    /// carry it out. <see cref="ApiResponse.DeliverNotBefore"/> is returned as the device set it; the caller
    /// does the waiting.
    /// </remarks>
    Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken = default);
}
