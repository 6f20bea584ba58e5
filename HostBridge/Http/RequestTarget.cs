using Microsoft.AspNetCore.Http;

namespace HemSim.HostBridge.Http;

/// <summary>
/// Request-line tolerance (spec §3.2, SIM): the real device ignores trailing blanks in the path,
/// and [T] calls <c>GET /api/diag/wipe_config  </c>. The path arrives decoded, so a target ending
/// in <c>%20</c> ends in spaces here; they are trimmed before the device routes it.
/// </summary>
/// <remarks>
/// Literal spaces never reach this point: for <c>GET /x   HTTP/1.1</c> Kestrel's request-line
/// parser takes the target up to the first space and skips the rest, so the path is already
/// <c>/x</c>.
/// </remarks>
internal static class RequestTarget
{
    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        string path = context.Request.Path.Value ?? string.Empty;
        string trimmed = path.TrimEnd(' ', '\t');
        if (trimmed.Length != path.Length)
        {
            context.Request.Path = new PathString(trimmed);
        }

        return next(context);
    }
}
