using HemSim.Firmware.Device;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HemSim.HostBridge.Http;

/// <summary>
/// CORS response headers (spec §3.6). The origin allow-list is device configuration, so the device
/// decides: the bridge forwards <c>OPTIONS</c> and the <c>Origin</c> header, passes a 412 through,
/// and only adds the headers the device's answer calls for.
/// </summary>
internal static class CorsHeaders
{
    // spec §3.6: the fixed headers of the 204 preflight answer.
    private const string AllowMethods = "GET, POST, DELETE, OPTIONS";
    private const string AllowHeaders = "Content-Type, Cache-Control, Pragma, Expires, Authorization, Content-Disposition";
    private const string MaxAgeSeconds = "86400";

    public static void Apply(HttpContext context, ApiResponse response)
    {
        IHeaderDictionary headers = context.Response.Headers;
        if (!string.IsNullOrEmpty(response.AllowedOrigin))
        {
            headers[HeaderNames.AccessControlAllowOrigin] = response.AllowedOrigin;
            headers[HeaderNames.Vary] = HeaderNames.Origin;
        }

        if (HttpMethods.IsOptions(context.Request.Method) && response.Status == StatusCodes.Status204NoContent)
        {
            headers[HeaderNames.AccessControlAllowMethods] = AllowMethods;
            headers[HeaderNames.AccessControlAllowHeaders] = AllowHeaders;
            headers[HeaderNames.AccessControlMaxAge] = MaxAgeSeconds;
            headers[HeaderNames.AccessControlAllowCredentials] = "true";
        }
    }
}
