using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HemSim.HostBridge.Http;

/// <summary>
/// Body limit (spec §3.2): a body over the limit for its path (<see cref="BodyLimits"/>) gets 413,
/// then the connection closes, and the device never sees the request. Otherwise the whole body is
/// read, never more than the limit plus one read buffer, and handed on as a
/// <see cref="BufferedRequestBody"/>.
/// </summary>
/// <remarks>
/// A declared <c>Content-Length</c> over the limit is refused before any body byte is read, so a
/// client that sent <c>Expect: 100-continue</c> gets the 413 instead of <c>100 Continue</c>.
/// Otherwise Kestrel sends <c>100 Continue</c> when the first read starts.
/// After a 413 (or 411) Kestrel reads and discards the body bytes still on their way, for at most
/// five seconds, before it closes the connection: closing with unread bytes would reset the
/// connection and could destroy the 413 before the client reads it. A body that was already sent,
/// as [T]'s 7301 bytes are, drains at once.
/// </remarks>
internal static class RequestBodyLimit
{
    private const int ReadChunk = 4096;

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        HttpRequest request = context.Request;
        int limit = BodyLimits.For(request.Path.Value ?? string.Empty);
        if (request.ContentLength > limit)
        {
            await FramedResponse.WriteEmptyAsync(context, BridgeStatus.PayloadTooLarge);
            return;
        }

        byte[]? body;
        try
        {
            body = await ReadAsync(context, limit);
        }
        catch (BadHttpRequestException)
        {
            // The body ended early or arrived too slowly: the connection is unusable, and the device
            // cannot be given half a request.
            context.Abort();
            return;
        }

        if (body is null)
        {
            await FramedResponse.WriteEmptyAsync(context, BridgeStatus.PayloadTooLarge);
            return;
        }

        context.Features.Set(new BufferedRequestBody(body));
        await next(context);
    }

    /// <summary>The whole body, or null when it runs past <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadAsync(HttpContext context, int limit)
    {
        HttpRequest request = context.Request;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return [];
        }

        // The buffer grows with the bytes that actually arrive, never with what Content-Length promises: a
        // client that declares 16 MiB on an upload path and sends nothing costs one read buffer, not 16 MiB.
        // Kestrel ends the body at the declared length (or fails it when it ends early); a chunked body on a
        // method other than POST ends at its last chunk (a chunked POST already got 411).
        var received = new ArrayBufferWriter<byte>(ReadChunk);
        while (true)
        {
            int read = await request.Body.ReadAsync(received.GetMemory(ReadChunk), context.RequestAborted);
            if (read == 0)
            {
                return received.WrittenSpan.ToArray();
            }

            received.Advance(read);
            if (received.WrittenCount > limit)
            {
                return null;
            }
        }
    }
}

/// <summary>The request body, read in full within its limit by <see cref="RequestBodyLimit"/>.</summary>
internal sealed record BufferedRequestBody(byte[] Bytes);
