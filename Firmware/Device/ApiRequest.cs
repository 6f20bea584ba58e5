namespace HemSim.Firmware.Device;

/// <summary>
/// One HTTP request as the device firmware sees it: the method, the path, the few headers the
/// real firmware reads, whether it arrived over TLS, and the raw body bytes.
/// </summary>
/// <param name="Method">HTTP method in upper case (<c>GET</c>, <c>POST</c>, <c>DELETE</c>, <c>OPTIONS</c>).</param>
/// <param name="Path">Request path without query string, e.g. <c>/api/system/status</c>.</param>
/// <param name="IsTls">True when the request arrived on the HTTPS listener.</param>
/// <param name="Body">Request body; empty when there is none.</param>
public sealed record ApiRequest(string Method, string Path, bool IsTls, byte[] Body)
{
    /// <summary>The <c>Authorization</c> header, or null when absent.</summary>
    public string? Authorization { get; init; }

    /// <summary>The <c>Content-Type</c> header, or null when absent.</summary>
    public string? ContentType { get; init; }

    /// <summary>The <c>Origin</c> header (CORS, spec §3.6), or null when absent.</summary>
    public string? Origin { get; init; }

    /// <summary>The <c>Host</c> header, or null when absent (status <c>hostname</c>, spec §11.1).</summary>
    public string? Host { get; init; }

    /// <summary>The <c>Content-Disposition</c> header of raw uploads, or null.</summary>
    public string? ContentDisposition { get; init; }

    public static ApiRequest Get(string path, bool isTls = true) => new("GET", path, isTls, []);

    public static ApiRequest Post(string path, byte[] body, bool isTls = true) =>
        new("POST", path, isTls, body) { ContentType = "application/json" };
}
