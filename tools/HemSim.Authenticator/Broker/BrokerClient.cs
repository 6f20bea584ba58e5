using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HemSim.Authenticator.Scheme;

namespace HemSim.Authenticator.Broker;

/// <summary>
/// The app-side broker routes of docs/EXTERNAL-AUTH.md §5 over HTTP or HTTPS. With a CA file, the broker's
/// certificate must chain to it alone (like the CLI's <c>--ca</c>); without, the system roots apply.
/// </summary>
public sealed class BrokerClient : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http;

    private BrokerClient(HttpClient http) => _http = http;

    /// <exception cref="InvalidDataException">The CA file cannot be read or holds no certificate.</exception>
    public static BrokerClient Create(string? caPemPath = null)
    {
        var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
        if (caPemPath is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = TrustOnly(LoadRoots(caPemPath));
        }
        return new BrokerClient(new HttpClient(handler) { Timeout = s_timeout });
    }

    /// <summary><c>GET &lt;link&gt;</c>.</summary>
    public async Task<Registration> GetRegistrationAsync(Uri link, CancellationToken cancellationToken)
    {
        JsonObject body = await SendAsync(HttpMethod.Get, link, null, cancellationToken).ConfigureAwait(false) as JsonObject
            ?? throw new BrokerException(null, "the registration is not a JSON object");
        return new Registration(
            Text(body, "eid") ?? throw new BrokerException(null, "the registration has no eid"),
            Text(body, "request") ?? throw new BrokerException(null, "the registration has no request"),
            Text(body, "kid"), Text(body, "code"));
    }

    /// <summary><c>POST &lt;link&gt; {pid, reply}</c>.</summary>
    public Task PostReplyAsync(Uri link, string pid, string reply, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, link, new JsonObject { ["pid"] = pid, ["reply"] = reply }, cancellationToken);

    /// <summary><c>GET /notify/app/events/&lt;b64url appid&gt;</c>: the pending events for one app.</summary>
    public async Task<IReadOnlyList<BrokerEvent>> GetEventsAsync(Uri broker, byte[] appId, CancellationToken cancellationToken)
    {
        var url = new Uri(broker, "notify/app/events/" + JwsBase64.Encode(appId));
        JsonArray events = await SendAsync(HttpMethod.Get, url, null, cancellationToken).ConfigureAwait(false) as JsonArray
            ?? throw new BrokerException(null, "the event list is not a JSON array");
        var result = new List<BrokerEvent>();
        foreach (JsonNode? item in events)
        {
            if (item is not JsonObject entry || Text(entry, "eventid") is not { } eventId || Text(entry, "authreq") is not { } authreq)
            {
                throw new BrokerException(null, "an event lacks eventid or authreq");
            }
            result.Add(new BrokerEvent(eventId, authreq));
        }
        return result;
    }

    /// <summary><c>POST /notify/app/events/&lt;eventid&gt;</c> with <c>{authreply}</c> or <c>{deny:true}</c>.</summary>
    public Task AnswerEventAsync(Uri broker, string eventId, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, new Uri(broker, "notify/app/events/" + Uri.EscapeDataString(eventId)), body, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode?> SendAsync(HttpMethod method, Uri url, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString(SchemeJson.Options)));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BrokerException(response.StatusCode, $"{method} {url.AbsolutePath} answered {(int)response.StatusCode}");
        }
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text, documentOptions: SchemeJson.Strict);
        }
        catch (JsonException)
        {
            throw new BrokerException(null, $"{method} {url.AbsolutePath} answered something that is not JSON");
        }
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static X509Certificate2Collection LoadRoots(string pemPath)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(pemPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidDataException($"cannot read the CA certificate '{pemPath}': {ex.Message}");
        }
        return roots.Count > 0 ? roots : throw new InvalidDataException($"no PEM certificate found in '{pemPath}'");
    }

    /// <summary>Only <paramref name="roots"/> anchor the chain; the host name is still checked (as the CLI does).</summary>
    private static RemoteCertificateValidationCallback TrustOnly(X509Certificate2Collection roots) => (_, certificate, presented, errors) =>
    {
        if (certificate is not X509Certificate2 leaf
            || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)
            || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (X509ChainElement element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return chain.Build(leaf);
    };
}
