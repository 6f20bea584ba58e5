using System.Net.Http.Headers;
using System.Text.Json;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>
/// The certificate-registration call to the backend ([T] test_2 step i): <c>POST /domain/register/NAME/AUTHKEY</c>.
/// Its own small client rather than <see cref="HemClient"/>, because a refusal's JSON body (<c>{"error":…}</c>) is
/// worth showing; trust is the device's (<c>--ca</c>, <c>--insecure</c>): the HemSim CA signs the bridge's and the
/// stand-in backend's certificates alike.
/// </summary>
internal static class TlsBackendClient
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>The bundle the backend issued (<c>{"crt":…}</c>), unchanged, for <c>POST /api/system/config {"tls":…}</c>.</summary>
    public static async Task<byte[]> RegisterAsync(HemConnectionSettings trust, Uri backend, string name, string authKey, byte[] body,
        CancellationToken cancellationToken)
    {
        var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.Zero };
        if (trust.Insecure)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = ServerCertificateValidation.AcceptAny();
        }
        else if (trust.CaCertificatePath is { } caPath)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = ServerCertificateValidation.TrustOnly(caPath);
        }
        using var http = new HttpClient(handler) { Timeout = s_timeout };
        var url = new Uri(backend, $"/domain/register/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(authKey)}");
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new HemConnectionException($"backend: cannot reach {backend.GetLeftPart(UriPartial.Authority)} ({ex.InnerException?.Message ?? ex.Message})", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HemConnectionException($"backend: no answer from {backend.GetLeftPart(UriPartial.Authority)} within {s_timeout.TotalSeconds:0} s", ex);
        }
        using (response)
        {
            byte[] answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            return status switch
            {
                200 when HasCertificate(answer) => answer,
                200 => throw new CliUsageException("the backend's registration answer has no \"crt\" string"),
                201 => throw new CliUsageException(
                    "the backend queued the registration (201); polling GET /domain/register/ID until it is issued is not supported"),
                400 => throw new CliUsageException($"the backend refused the registration: {ErrorOf(answer) ?? "400 without a reason"}"),
                401 or 403 => throw new CliUsageException($"the backend refused the auth key ({status}): pass the one it expects with --auth-key"),
                _ => throw new CliUsageException($"the backend {backend.GetLeftPart(UriPartial.Authority)} answered {status}"),
            };
        }
    }

    private static bool HasCertificate(byte[] answer)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(answer);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("crt", out JsonElement crt) && crt.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? ErrorOf(byte[] answer)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(answer);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.String
                ? error.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
