using HemSim.Firmware.Device;
using HemSim.HostBridge.Http;
using HemSim.Transport;
using HemSim.Transport.Session;
using Microsoft.AspNetCore.Http;

namespace HemSim.HostBridge.Forwarding;

/// <summary>
/// The end of the pipeline: sends the request to the device, waits until the device's delivery
/// time has come, and writes the device's answer. The bridge keeps nothing between requests.
/// </summary>
internal sealed class DeviceForwarder(IDeviceChannel device, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        long arrival = context.Features.Get<RequestArrival>()?.Timestamp ?? time.GetTimestamp();
        byte[] body = context.Features.Get<BufferedRequestBody>()?.Bytes ?? [];
        ApiRequest request = ApiRequestMapping.FromHttp(context, body);

        ApiResponse response;
        try
        {
            response = await device.SendAsync(request, context.RequestAborted);
        }
        catch (Exception exception) when (exception is LinkClosedException or DeviceTimeoutException or DeviceSwitchedOffException)
        {
            // The link is gone, the device showed no progress through every retransmission, or it is switched off
            // (after a shutdown): unavailable in every case.
            await FramedResponse.WriteEmptyAsync(context, BridgeStatus.DeviceUnavailable);
            return;
        }

        if (!IsWritableStatus(response.Status))
        {
            throw new InvalidOperationException($"The device answered with status {response.Status}, which HTTP/1.1 cannot carry.");
        }

        if (response.Flags.HasFlag(ResponseFlags.DropConnection))
        {
            // The real firmware closes the connection without any reply (spec §11.9 QUIRK).
            context.Abort();
            return;
        }

        await WaitUntilDeliverableAsync(arrival, response.DeliverNotBefore, context.RequestAborted);
        CorsHeaders.Apply(context, response);
        await FramedResponse.WriteAsync(context, response.Status, response.Body, response.ContentType);
    }

    // A final status is three digits; 1xx are interim and belong to the HTTP server. Any other
    // three-digit number goes out as-is (spec §3.4 QUIRK: 795).
    private static bool IsWritableStatus(int status) => status is >= 200 and <= 999;

    private async Task WaitUntilDeliverableAsync(long arrival, TimeSpan deliverNotBefore, CancellationToken cancellationToken)
    {
        // Loop because a timer may fire a tick before the monotonic clock agrees the time is up.
        for (TimeSpan remaining = deliverNotBefore - time.GetElapsedTime(arrival);
             remaining > TimeSpan.Zero;
             remaining = deliverNotBefore - time.GetElapsedTime(arrival))
        {
            await Task.Delay(remaining < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : remaining, time, cancellationToken);
        }
    }
}
