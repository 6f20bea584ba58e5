using Microsoft.AspNetCore.Http;

namespace HemSim.HostBridge.Forwarding;

/// <summary>
/// When the bridge received the request, stamped before anything else runs. The delivery delay
/// the device asks for (<c>ApiResponse.DeliverNotBefore</c>) counts from here, so a client never
/// sees a throttled answer sooner than the device meant (spec §5.6).
/// </summary>
internal sealed record RequestArrival(long Timestamp)
{
    public static Func<HttpContext, RequestDelegate, Task> Stamp(TimeProvider time) =>
        (context, next) =>
        {
            context.Features.Set(new RequestArrival(time.GetTimestamp()));
            return next(context);
        };
}
