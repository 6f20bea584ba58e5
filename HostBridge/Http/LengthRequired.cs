using Microsoft.AspNetCore.Http;

namespace HemSim.HostBridge.Http;

/// <summary>
/// A POST needs a positive <c>Content-Length</c> (spec §3.2): a chunked POST, one without the header
/// and one with <c>Content-Length: 0</c> get 411 and never reach the device. [J] sets the header by
/// hand for this reason.
/// </summary>
internal static class LengthRequired
{
    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.ContentLength is not > 0)
        {
            return FramedResponse.WriteEmptyAsync(context, BridgeStatus.LengthRequired);
        }

        return next(context);
    }
}
