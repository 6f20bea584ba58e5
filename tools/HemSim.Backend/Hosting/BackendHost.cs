using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using HemSim.Backend.Checkin;
using HemSim.Backend.Notify;
using HemSim.Backend.Registration;
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
/// folder (created there the way the bridge creates it, by the bridge's own code), and a route table. The CA stays
/// loaded while the backend runs: certificate registration (<see cref="DomainRegistry"/>) issues device
/// certificates with it. The broker relay for external authenticators (<see cref="NotifyBroker"/>) shares the listener.
/// </summary>
internal sealed class BackendHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly LocalCertificateAuthority _authority;

    private BackendHost(WebApplication app, X509Certificate2 certificate, LocalCertificateAuthority authority, Uri url, string caCertificatePath)
    {
        _app = app;
        _certificate = certificate;
        _authority = authority;
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
        LocalCertificateAuthority authority;
        try
        {
            authority = LocalCertificateAuthority.LoadOrCreate(options.DataDirectory, time);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BridgeStartupException($"The data folder {options.DataDirectory} is not usable: {exception.Message}", exception);
        }

        X509Certificate2? certificate = null;
        WebApplication? app = null;
        try
        {
            certificate = ServerCertificate.Issue(authority, options.Hostname, options.BindAddress, time);
            var exchange = new CheckinExchange(options.PrivateKey, options.Action, () => options.FixedTime ?? time.GetUtcNow().ToUnixTimeSeconds());
            var registry = new DomainRegistry(new DeviceCertificateIssuer(authority.Certificate, time));
            // Registration links name the bound URL; it is set below, before the READY line tells anyone the port.
            Uri? url = null;
            var broker = new NotifyBroker(() => url!, time);
            app = Build(options, certificate, [.. Routes(exchange, registry), .. broker.Routes()]);
            await app.StartAsync(cancellationToken);
            string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            url = new Uri(address);
            return new BackendHost(app, certificate, authority, url, authority.CertificatePath);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
            certificate?.Dispose();
            authority.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
        _authority.Dispose();
    }

    /// <summary>The route table: check-in (spec §8) and certificate registration (the vendor tester's test_2).</summary>
    private static BackendRoute[] Routes(CheckinExchange exchange, DomainRegistry registry) =>
    [
        new("POST", "/checkin", (_, body) => exchange.Answer(body)),
        new("POST", DomainRegistry.RegisterPrefix, registry.Register),
        new("GET", DomainRegistry.CheckPrefix, (rest, _) => registry.Check(rest)),
    ];

    private static WebApplication Build(BackendOptions options, X509Certificate2 certificate, BackendRoute[] routes)
    {
        // The empty builder reads no appsettings.json and no ASPNETCORE_* variables: one listener, exactly this one.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, CallerOwnedLifetime>(); // signals: the command line's
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
            string path = context.Request.Path.Value ?? "";
            if (routes.Select(route => (Route: route, Remainder: route.Match(context.Request.Method, path))).FirstOrDefault(m => m.Remainder is not null)
                is ({ } route, { } rest))
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                (int status, reply) = route.Handle(rest, body.ToArray());
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
