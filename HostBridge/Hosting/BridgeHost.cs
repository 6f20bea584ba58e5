using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using HemSim.HostBridge.Forwarding;
using HemSim.HostBridge.Hosting.Certificates;
using HemSim.HostBridge.Http;
using HemSim.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace HemSim.HostBridge.Hosting;

/// <summary>
/// The running bridge: Kestrel with a plain HTTP and an HTTPS listener in front of one device
/// channel, applying the real device's HTTP rules (<c>Http/</c>) before forwarding
/// (<c>Forwarding/</c>). Disposing it stops the listeners; the channel belongs to the caller.
/// </summary>
public sealed class BridgeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _serverCertificate;

    private BridgeHost(WebApplication app, X509Certificate2 serverCertificate, Uri httpAddress, Uri httpsAddress, string caCertificatePath)
    {
        _app = app;
        _serverCertificate = serverCertificate;
        HttpAddress = httpAddress;
        HttpsAddress = httpsAddress;
        CaCertificatePath = caCertificatePath;
    }

    /// <summary>Bound plain-HTTP address, e.g. <c>http://127.0.0.1:8080/</c> (the real port when 0 was asked for).</summary>
    public Uri HttpAddress { get; }

    /// <summary>Bound HTTPS address, e.g. <c>https://127.0.0.1:8443/</c>.</summary>
    public Uri HttpsAddress { get; }

    /// <summary>Absolute path of the local CA certificate that issued the HTTPS certificate.</summary>
    public string CaCertificatePath { get; }

    /// <summary>
    /// The one line printed on stdout once both listeners are bound:
    /// <c>HEMSIM READY http=http://ADDR:PORT https=https://ADDR:PORT ca=/abs/path/ca.pem</c>.
    /// </summary>
    public string ReadyLine =>
        $"HEMSIM READY http={Authority(HttpAddress)} https={Authority(HttpsAddress)} ca={CaCertificatePath}";

    /// <summary>Creates or loads the local CA, issues the server certificate and binds both listeners.</summary>
    /// <exception cref="BridgeStartupException">The data folder or its CA files are unusable.</exception>
    /// <exception cref="IOException">A port cannot be bound (e.g. already in use).</exception>
    public static Task<BridgeHost> StartAsync(BridgeOptions options, IDeviceChannel device, CancellationToken cancellationToken = default) =>
        StartAsync(options, device, TimeProvider.System, cancellationToken);

    internal static async Task<BridgeHost> StartAsync(BridgeOptions options, IDeviceChannel device, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(device);

        X509Certificate2 serverCertificate;
        string caCertificatePath;
        using (LocalCertificateAuthority authority = LoadAuthority(options.DataDirectory, time))
        {
            serverCertificate = ServerCertificate.Issue(authority, options.Hostname, options.BindAddress, time);
            caCertificatePath = authority.CertificatePath;
        }

        WebApplication app = Build(options, device, serverCertificate, time);
        try
        {
            await app.StartAsync(cancellationToken);
            ICollection<string> addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            return new BridgeHost(app, serverCertificate, BoundAddress(addresses, "http"), BoundAddress(addresses, "https"), caCertificatePath);
        }
        catch
        {
            await app.DisposeAsync();
            serverCertificate.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _serverCertificate.Dispose();
    }

    private static LocalCertificateAuthority LoadAuthority(string dataDirectory, TimeProvider time)
    {
        try
        {
            return LocalCertificateAuthority.LoadOrCreate(dataDirectory, time);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BridgeStartupException($"The data folder {dataDirectory} is not usable: {exception.Message}", exception);
        }
    }

    private static WebApplication Build(BridgeOptions options, IDeviceChannel device, X509Certificate2 serverCertificate, TimeProvider time)
    {
        // The empty builder reads no appsettings.json and no ASPNETCORE_* variables: the listeners
        // are exactly the two below, whatever the environment says.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // RequestBodyLimit enforces the device's limits (spec §3.2)
            kestrel.Listen(options.BindAddress, options.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(options.BindAddress, options.HttpsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = serverCertificate,
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                });
            });
        });

        // Warnings and errors only, on stderr: stdout carries the READY line and nothing else.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

        WebApplication app = builder.Build();

        // The real device's order (spec §3.2, §3.3): framing rules first, then the device. The CORS
        // check (§3.3 step 1) is the device's, because the allow-list is device configuration.
        app.Use(RequestArrival.Stamp(time));
        app.Use(ConnectionClose.InvokeAsync);       // Connection: close on every response
        app.UseMiddleware<BridgeFailure>();         // 500 on an unexpected bridge failure
        app.Use(RequestTarget.InvokeAsync);         // trailing blanks in the path
        app.Use(LengthRequired.InvokeAsync);        // 411
        app.Use(RequestBodyLimit.InvokeAsync);      // 413, else the body is read in full
        app.Run(new DeviceForwarder(device, time).InvokeAsync);
        return app;
    }

    // Always with the port, even 80 or 443, which Uri.GetLeftPart would leave out.
    private static string Authority(Uri address) => $"{address.Scheme}://{address.Host}:{address.Port}";

    private static Uri BoundAddress(ICollection<string> addresses, string scheme) =>
        addresses.Select(address => new Uri(address)).Single(address => address.Scheme == scheme);
}
