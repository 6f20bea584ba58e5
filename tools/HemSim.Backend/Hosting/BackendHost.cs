using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using HemSim.Backend.Checkin;
using HemSim.HostBridge.Hosting;
using HemSim.HostBridge.Hosting.Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace HemSim.Backend.Hosting;

/// <summary>
/// The running stand-in backend: one HTTPS listener whose certificate is issued by the HemSim CA of the data
/// folder (created there the way the bridge creates it, by the bridge's own code), and a route table.
/// </summary>
internal sealed class BackendHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private BackendHost(WebApplication app, X509Certificate2 certificate, Uri url, string caCertificatePath)
    {
        _app = app;
        _certificate = certificate;
        Url = url;
        CaCertificatePath = caCertificatePath;
    }

    /// <summary><c>https://ADDR:PORT</c> as bound (the real port when 0 was asked for).</summary>
    public Uri Url { get; }

    public string CaCertificatePath { get; }

    /// <summary>The one line printed on stdout once listening; scripts and tests wait for it.</summary>
    public string ReadyLine => $"HEMSIM BACKEND READY url={Url.Scheme}://{Url.Authority}";

    /// <exception cref="BridgeStartupException">The data folder or its CA files are unusable.</exception>
    /// <exception cref="IOException">The port cannot be bound.</exception>
    public static async Task<BackendHost> StartAsync(BackendOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        X509Certificate2 certificate;
        string caPath;
        try
        {
            using LocalCertificateAuthority authority = LocalCertificateAuthority.LoadOrCreate(options.DataDirectory, time);
            certificate = ServerCertificate.Issue(authority, options.Hostname, options.BindAddress, time);
            caPath = authority.CertificatePath;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BridgeStartupException($"The data folder {options.DataDirectory} is not usable: {exception.Message}", exception);
        }

        var exchange = new CheckinExchange(options.PrivateKey, options.Action, () => options.FixedTime ?? time.GetUtcNow().ToUnixTimeSeconds());
        WebApplication app = Build(options, certificate, Routes(exchange));
        try
        {
            await app.StartAsync(cancellationToken);
            string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new BackendHost(app, certificate, new Uri(address), caPath);
        }
        catch
        {
            await app.DisposeAsync();
            certificate.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    /// <summary>
    /// <c>METHOD /path</c> → handler taking the request body and answering a status and a JSON body.
    /// TODO(#6): certificate registration (<c>/domain/register/…</c>, the vendor tester's test_2) joins here.
    /// </summary>
    private static Dictionary<string, Func<byte[], (int Status, byte[] Body)>> Routes(CheckinExchange exchange) => new(StringComparer.Ordinal)
    {
        ["POST /checkin"] = exchange.Answer,
    };

    private static WebApplication Build(BackendOptions options, X509Certificate2 certificate, Dictionary<string, Func<byte[], (int, byte[])>> routes)
    {
        // The empty builder reads no appsettings.json and no ASPNETCORE_* variables: one listener, exactly this one.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Listen(options.BindAddress, options.HttpsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                });
            });
        });

        // Warnings and errors only, on stderr: stdout carries the READY line and nothing else.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

        WebApplication app = builder.Build();
        app.Run(async context =>
        {
            byte[] reply = [];
            if (routes.TryGetValue($"{context.Request.Method} {context.Request.Path.Value}", out var route))
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                (int status, reply) = route(body.ToArray());
                context.Response.StatusCode = status;
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = reply.Length;
            await context.Response.Body.WriteAsync(reply, context.RequestAborted);
        });
        return app;
    }
}
