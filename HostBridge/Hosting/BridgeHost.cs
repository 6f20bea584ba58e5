using System.Net;
using HemSim.HostBridge.Forwarding;
using HemSim.HostBridge.Hosting.Certificates;
using HemSim.HostBridge.Http;
using HemSim.Transport;
using HemSim.Transport.Control;
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
    private readonly DeviceCertificateSource _certificates;

    private BridgeHost(WebApplication app, DeviceCertificateSource certificates, Uri httpAddress, Uri httpsAddress, string caCertificatePath)
    {
        _app = app;
        _certificates = certificates;
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

    /// <summary>
    /// Creates or loads the local CA, fetches the device's TLS identity (<see cref="DeviceCertificateSource"/>) and
    /// binds both listeners. <paramref name="device"/> also carries control operations when it is an
    /// <see cref="IDeviceControl"/>; otherwise the HTTPS certificate is the bridge's own, from the local CA.
    /// </summary>
    /// <exception cref="BridgeStartupException">The data folder or its CA files are unusable.</exception>
    /// <exception cref="IOException">A port cannot be bound (e.g. already in use).</exception>
    public static Task<BridgeHost> StartAsync(BridgeOptions options, IDeviceChannel device, CancellationToken cancellationToken = default) =>
        StartAsync(options, device, device as IDeviceControl, TimeProvider.System, cancellationToken);

    /// <inheritdoc cref="StartAsync(BridgeOptions, IDeviceChannel, CancellationToken)"/>
    /// <param name="control">The device's control channel, for its TLS identity; null when there is none.</param>
    public static Task<BridgeHost> StartAsync(BridgeOptions options, IDeviceChannel device, IDeviceControl? control, CancellationToken cancellationToken = default) =>
        StartAsync(options, device, control, TimeProvider.System, cancellationToken);

    internal static Task<BridgeHost> StartAsync(BridgeOptions options, IDeviceChannel device, TimeProvider time, CancellationToken cancellationToken) =>
        StartAsync(options, device, device as IDeviceControl, time, cancellationToken);

    internal static async Task<BridgeHost> StartAsync(BridgeOptions options, IDeviceChannel device, IDeviceControl? control, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(device);

        LocalCertificateAuthority authority = LoadAuthority(options.DataDirectory, time);
        string caCertificatePath = authority.CertificatePath;
        DeviceCertificateSource certificates;
        try
        {
            certificates = await DeviceCertificateSource.CreateAsync(authority, options, control, time, cancellationToken);
        }
        catch
        {
            authority.Dispose();
            throw;
        }

        WebApplication app = Build(options, device, control, certificates, time);
        try
        {
            await app.StartAsync(cancellationToken);
            ICollection<string> addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            return new BridgeHost(app, certificates, BoundAddress(addresses, "http"), BoundAddress(addresses, "https"), caCertificatePath);
        }
        catch
        {
            await app.DisposeAsync();
            certificates.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificates.Dispose();
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

    private static WebApplication Build(BridgeOptions options, IDeviceChannel device, IDeviceControl? control, DeviceCertificateSource certificates, TimeProvider time)
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
                // Per handshake, so that the device's identity after a reboot is served at once (DeviceCertificateSource).
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = context => certificates.HandshakeOptionsAsync(context.CancellationToken),
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
        if (options.StaticDirectory is not null)
        {
            StaticFolder.Use(app, options.StaticDirectory); // --static: files outside /api; the rest goes on
        }
        else
        {
            DeviceDashboard.Use(app, control);      // the dashboard installed on the device (install_ui), if any
        }
        app.Run(new DeviceForwarder(device, time).InvokeAsync);
        return app;
    }

    // Always with the port, even 80 or 443, which Uri.GetLeftPart would leave out.
    private static string Authority(Uri address) => $"{address.Scheme}://{address.Host}:{address.Port}";

    private static Uri BoundAddress(ICollection<string> addresses, string scheme) =>
        addresses.Select(address => new Uri(address)).Single(address => address.Scheme == scheme);
}
