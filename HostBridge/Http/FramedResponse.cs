using HemSim.Firmware.Device;
using Microsoft.AspNetCore.Http;

namespace HemSim.HostBridge.Http;

/// <summary>
/// Writes a whole response the way the real device's web server frames it (spec §3.2, §3.4):
/// <c>Content-Type</c> always, <c>Content-Length</c> always (0 included), never chunked.
/// <c>Connection: close</c> comes from <see cref="ConnectionClose"/>.
/// </summary>
/// <remarks>
/// Kestrel writes the status line as <c>HTTP/1.1 {code} {reason}</c> and fills an empty or null
/// reason phrase from its own table when the code is known, so a 418 goes out as
/// <c>HTTP/1.1 418 I'm a teapot</c>, not with the device's empty phrase (spec §3.4). Clients read
/// only the number; changing this would mean patching Kestrel internals. Codes Kestrel does not
/// know, such as the 795 QUIRK (spec §3.4), go out as <c>HTTP/1.1 795 </c> with an empty phrase.
/// Kestrel also drops <c>Content-Length</c> from a 204 (RFC 9110 §8.6 forbids it there); the
/// only 204 on this device is the CORS preflight answer, which has no body.
/// </remarks>
internal static class FramedResponse
{
    public static async Task WriteAsync(HttpContext context, int status, ReadOnlyMemory<byte> body, string contentType)
    {
        HttpResponse response = context.Response;
        response.StatusCode = status;
        response.ContentType = string.IsNullOrEmpty(contentType) ? ApiResponse.JsonContentType : contentType;

        if (!CanHaveBody(status))
        {
            response.ContentLength = 0;
            await response.CompleteAsync();
            return;
        }

        // A known length is what keeps Kestrel from choosing chunked transfer coding.
        response.ContentLength = body.Length;
        if (!body.IsEmpty)
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }

        await response.CompleteAsync();
    }

    public static Task WriteEmptyAsync(HttpContext context, BridgeStatus status) =>
        WriteAsync(context, (int)status, ReadOnlyMemory<byte>.Empty, ApiResponse.JsonContentType);

    // RFC 9110 §6.4.1: 204 and 304 never carry content; Kestrel throws on a write.
    private static bool CanHaveBody(int status) => status is not (204 or 304);
}
