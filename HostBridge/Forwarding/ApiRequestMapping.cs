using HemSim.Firmware.Device;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace HemSim.HostBridge.Forwarding;

/// <summary>
/// HttpContext → <see cref="ApiRequest"/>: the method in upper case, the path without its query,
/// whether the request came in on the HTTPS listener, the few headers the firmware reads, and the
/// body. Nothing is interpreted.
/// </summary>
internal static class ApiRequestMapping
{
    public static ApiRequest FromHttp(HttpContext context, byte[] body)
    {
        HttpRequest request = context.Request;
        string path = request.Path.HasValue ? request.Path.Value! : "/";
        return new ApiRequest(request.Method.ToUpperInvariant(), path, request.IsHttps, body)
        {
            Authorization = ValueOrNull(request.Headers.Authorization),
            ContentType = ValueOrNull(request.Headers.ContentType),
            Origin = ValueOrNull(request.Headers.Origin),
            Host = ValueOrNull(request.Headers.Host),
            ContentDisposition = ValueOrNull(request.Headers.ContentDisposition),
        };
    }

    private static string? ValueOrNull(StringValues values) => values.Count == 0 ? null : values.ToString();
}
