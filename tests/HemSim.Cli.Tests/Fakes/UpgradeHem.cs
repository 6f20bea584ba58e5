using System.Collections.Concurrent;
using System.Net;
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
/// A scripted device for the upgrade verbs, on 127.0.0.1 over HTTP. Unlike <see cref="FakeHem"/> it keeps raw bodies
/// byte for byte and the <c>Content-Disposition</c> header, plays a SEQUENCE of answers per route (the check's
/// 201 → 202 → 200), and can drop a connection without answering (the upload_fw QUIRK, spec §11.9).
/// </summary>
internal sealed class UpgradeHem : IAsyncDisposable
{
    /// <summary>A reply that closes the connection without any HTTP answer.</summary>
    public static readonly FakeReply Drop = new(-1, "");

    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeReply>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<UploadRequest> _requests = new();
    private WebApplication? _app;

    public string UrlText { get; private set; } = "";

    public IReadOnlyList<UploadRequest> Requests => [.. _requests];

    /// <summary>"METHOD path" of every request, in order.</summary>
    public IEnumerable<string> Calls => Requests.Select(r => $"{r.Method} {r.Path}");

    public static async Task<UpgradeHem> StartAsync()
    {
        var hem = new UpgradeHem();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = 32 * 1024 * 1024;
        });
        WebApplication app = builder.Build();
        app.Run(hem.HandleAsync);
        await app.StartAsync();
        hem._app = app;
        hem.UrlText = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First())
            .GetLeftPart(UriPartial.Authority);
        return hem;
    }

    /// <summary>Answers the route with <paramref name="replies"/> in turn; the last one repeats.</summary>
    public UpgradeHem On(string method, string path, params FakeReply[] replies)
    {
        _routes[$"{method} {path}"] = new ConcurrentQueue<FakeReply>(replies);
        return this;
    }

    /// <summary>Answers the route with empty bodies of these statuses in turn; the last one repeats.</summary>
    public UpgradeHem On(string method, string path, params int[] statuses) =>
        On(method, path, [.. statuses.Select(FakeReply.Status)]);

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
        using var body = new MemoryStream();
        await http.Body.CopyToAsync(body);
        _requests.Enqueue(new UploadRequest(
            http.Method,
            http.Path.Value ?? "",
            http.Headers.Authorization.Count > 0 ? http.Headers.Authorization.ToString() : null,
            http.ContentType,
            http.Headers.ContentDisposition.Count > 0 ? http.Headers.ContentDisposition.ToString() : null,
            body.ToArray()));

        FakeReply reply = Next($"{http.Method} {http.Path.Value}");
        if (reply == Drop)
        {
            context.Abort();
            return;
        }

        byte[] answer = Encoding.UTF8.GetBytes(reply.Body);
        context.Response.StatusCode = reply.StatusCode;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer);
    }

    private FakeReply Next(string route)
    {
        if (!_routes.TryGetValue(route, out ConcurrentQueue<FakeReply>? replies))
        {
            return FakeReply.Status(404);
        }

        // The last reply stays: a device keeps answering 202 (or 200) for as long as it is asked.
        if (replies.Count > 1 && replies.TryDequeue(out FakeReply? reply))
        {
            return reply;
        }

        return replies.TryPeek(out FakeReply? last) ? last : FakeReply.Status(404);
    }
}

internal sealed record UploadRequest(string Method, string Path, string? Authorization, string? ContentType, string? ContentDisposition, byte[] Body);
