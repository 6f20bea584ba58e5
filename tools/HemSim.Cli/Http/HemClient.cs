using System.Net.Http.Headers;
using System.Security.Authentication;

namespace HemSim.Cli.Http;

/// <summary>
/// HTTP(S) access to the device API. Every request goes on its own connection (the device closes TCP after each
/// answer, spec §3.2); POST bodies are JSON with an explicit <c>Content-Length</c>.
/// </summary>
internal sealed class HemClient : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private static readonly MediaTypeHeaderValue s_octetStream = new("application/octet-stream");

    private readonly HttpClient _http;
    private readonly Uri _baseUrl;

    private HemClient(HttpClient http, Uri baseUrl)
    {
        _http = http;
        _baseUrl = baseUrl;
    }

    public static HemClient Create(HemConnectionSettings settings, TextWriter warnings)
    {
        var handler = new SocketsHttpHandler
        {
            // A USB-attached device on a local address: environment proxies would only get in the way.
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.Zero,
        };

        if (settings.Insecure)
        {
            warnings.WriteLine("warning: --insecure: the device's TLS certificate is NOT validated");
            handler.SslOptions.RemoteCertificateValidationCallback = ServerCertificateValidation.AcceptAny();
        }
        else if (settings.CaCertificatePath is { } caPath)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = ServerCertificateValidation.TrustOnly(caPath);
        }

        var http = new HttpClient(handler) { Timeout = s_timeout };
        // A chip of an EPA rack: SocketsHttpHandler takes the Host header as the TLS SNI and certificate name too.
        http.DefaultRequestHeaders.Host = settings.ChipHost;
        return new HemClient(http, settings.BaseUrl);
    }

    public Task<HemResponse> GetAsync(string path, string? bearerToken, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, body: null, bearerToken, cancellationToken);

    public Task<HemResponse> PostJsonAsync(string path, byte[] body, string? bearerToken, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, bearerToken, cancellationToken);

    /// <summary>
    /// A raw upload (spec §11.9, §11.12, §16 G10): <c>application/octet-stream</c>, not multipart, with
    /// <c>Content-Disposition: attachment; filename="…"</c>, the name the device looks for.
    /// </summary>
    public Task<HemResponse> PostRawAsync(string path, byte[] body, string fileName, string? bearerToken, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, bearerToken, cancellationToken, fileName);

    public Task<HemResponse> DeleteAsync(string path, string? bearerToken, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, body: null, bearerToken, cancellationToken);

    /// <summary>True when requests go over plain HTTP (the device then refuses key management, spec §3.1).</summary>
    public bool IsPlainHttp => _baseUrl.Scheme == Uri.UriSchemeHttp;

    public void Dispose() => _http.Dispose();

    private async Task<HemResponse> SendAsync(
        HttpMethod method, string path, byte[]? body, string? bearerToken, CancellationToken cancellationToken, string? uploadFileName = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_baseUrl, path));
        request.Headers.ConnectionClose = true;
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = uploadFileName is null ? s_json : s_octetStream;
            request.Content.Headers.ContentLength = body.Length;
            if (uploadFileName is not null)
            {
                request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"\"{uploadFileName}\"" };
            }
        }

        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            byte[] answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new HemResponse(status, answer, path)
                : throw new HemStatusException(status, method.Method, path);
        }
        catch (HttpRequestException ex)
        {
            throw new HemConnectionException(DescribeConnectionFailure(ex), ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HemConnectionException($"no answer from {Origin} within {s_timeout.TotalSeconds:0} s", ex);
        }
    }

    private string Origin => _baseUrl.GetLeftPart(UriPartial.Authority);

    private string DescribeConnectionFailure(HttpRequestException ex)
    {
        if (ex.HttpRequestError == HttpRequestError.SecureConnectionError || ex.InnerException is AuthenticationException)
        {
            return $"TLS handshake with {Origin} failed: the device's certificate is not trusted "
                + "(pass its CA with --ca PATH or HEMSIM_CA)";
        }

        string reason = ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "host name not found",
            HttpRequestError.ConnectionError => "connection failed",
            HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse => "the connection closed without a valid HTTP answer",
            _ => "request failed",
        };
        string detail = ex.InnerException?.Message ?? ex.Message;
        return $"cannot reach {Origin}: {reason} ({detail})";
    }
}
