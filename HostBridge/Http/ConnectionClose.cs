using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HemSim.HostBridge.Http;

/// <summary>
/// One request per connection (spec §3.2): every response says <c>Connection: close</c>, and
/// Kestrel closes the socket after a response that carries it.
/// </summary>
internal static class ConnectionClose
{
    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        // Set when the headers go out, so that a response rebuilt after an error keeps it.
        context.Response.OnStarting(
            static state =>
            {
                ((HttpResponse)state).Headers[HeaderNames.Connection] = "close";
                return Task.CompletedTask;
            },
            context.Response);
        return next(context);
    }
}
