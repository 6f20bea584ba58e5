using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HemSim.Cli.Tests.Fakes;

/// <summary>
/// A scripted stand-in for the device, served by Kestrel on 127.0.0.1 with an ephemeral port: each route answers
/// what the test says, and every request is recorded. Unscripted routes answer 404, as the device does.
/// </summary>
internal sealed class FakeHem : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, FakeReply>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;

    public Uri Url { get; private set; } = null!;

    public string UrlText => Url.GetLeftPart(UriPartial.Authority);

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<FakeHem> StartAsync(X509Certificate2? serverCertificate = null)
    {
        var hem = new FakeHem();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (serverCertificate is not null)
            {
                listen.UseHttps(serverCertificate);
            }
        }));
        WebApplication app = builder.Build();
        app.Run(hem.HandleAsync);
        await app.StartAsync();
        hem._app = app;
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        hem.Url = new Uri(address);
        return hem;
    }

    public FakeHem On(string method, string path, Func<RecordedRequest, FakeReply> reply)
    {
        _routes[$"{method} {path}"] = reply;
        return this;
    }

    public FakeHem On(string method, string path, FakeReply reply) => On(method, path, _ => reply);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest http = context.Request;
        using var reader = new StreamReader(http.Body, Encoding.UTF8);
        string body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(
            http.Method,
            http.Path.Value ?? "",
            http.Headers.Authorization.Count > 0 ? http.Headers.Authorization.ToString() : null,
            http.ContentType,
            http.ContentLength,
            http.Headers.Connection.ToString(),
            body);
        _requests.Enqueue(request);

        FakeReply reply = _routes.TryGetValue($"{request.Method} {request.Path}", out Func<RecordedRequest, FakeReply>? route)
            ? route(request)
            : FakeReply.Status(404);
        byte[] answer = Encoding.UTF8.GetBytes(reply.Body);
        context.Response.StatusCode = reply.StatusCode;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = answer.Length;
        if (reply.StatusCode == 418)
        {
            // Spec §3.4: the device's 418 status line has an empty reason phrase.
            context.Features.GetRequiredFeature<IHttpResponseFeature>().ReasonPhrase = "";
        }

        await context.Response.Body.WriteAsync(answer);
    }
}

internal sealed record RecordedRequest(
    string Method,
    string Path,
    string? Authorization,
    string? ContentType,
    long? ContentLength,
    string Connection,
    string Body);

internal sealed record FakeReply(int StatusCode, string Body)
{
    public static FakeReply Json(string body) => new(200, body);

    public static FakeReply Status(int statusCode) => new(statusCode, "");
}
