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
/// <para>
/// In front of an EPA rack (<see cref="RackLayout"/>) the same two listeners serve every chip: a request goes to the
/// chip its <c>Host</c> header names (<see cref="RackForwarder"/>), and a TLS handshake gets the certificate of the
/// chip its SNI names, chip 1 for no or another name (a client that sends no SNI cannot be told apart).
/// </para>
/// </summary>
public sealed class BridgeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyList<DeviceCertificateSource> _certificates;

    private BridgeHost(WebApplication app, IReadOnlyList<DeviceCertificateSource> certificates, Uri httpAddress, Uri httpsAddress, string caCertificatePath)
    {
        _app = app;
        _certificates = certificates;
        HttpAddress = httpAddress;
        HttpsAddress = httpsAddress;
        CaCertificatePath = caCertificatePath;
    }

    /// <summary>Bound plain-HTTP address, e.g. <c>http://127.0.0.1:8080/</c> (the real port when 0 was asked for).</summary>
    public Uri HttpAddress { get; }

    /// <summary>The web host's services (tests check how it is put together).</summary>
    internal IServiceProvider Services => _app.Services;

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

    internal static Task<BridgeHost> StartAsync(BridgeOptions options, IDeviceChannel device, IDeviceControl? control, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        return StartAsync(options, [new RackChip(device, control)], time, cancellationToken);
    }

    /// <summary>Serves the chips of a rack, chip i at <c>chips[i - 1]</c>; one chip is the single device of old.</summary>
    internal static async Task<BridgeHost> StartAsync(BridgeOptions options, IReadOnlyList<RackChip> chips, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(chips);
        ArgumentOutOfRangeException.ThrowIfZero(chips.Count);

        // One CA for the whole rack; each chip's source holds its own handle on it.
        var certificates = new List<DeviceCertificateSource>(chips.Count);
        string? caCertificatePath = null;
        try
        {
            for (int chip = 1; chip <= chips.Count; chip++)
            {
                LocalCertificateAuthority authority = LoadAuthority(options.DataDirectory, time);
                caCertificatePath ??= authority.CertificatePath;
                try
                {
                    certificates.Add(await DeviceCertificateSource.CreateAsync(authority, options, chips[chip - 1].Control,
                        ChipCertificateNames.For(chip, chips.Count, options.Hostname), time, cancellationToken));
                }
                catch
                {
                    authority.Dispose();
                    throw;
                }
            }
        }
        catch
        {
            certificates.ForEach(source => source.Dispose());
            throw;
        }

        WebApplication app = Build(options, chips, certificates, time);
        try
        {
            await app.StartAsync(cancellationToken);
            ICollection<string> addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            return new BridgeHost(app, certificates, BoundAddress(addresses, "http"), BoundAddress(addresses, "https"), caCertificatePath!);
        }
        catch
        {
            await app.DisposeAsync();
            certificates.ForEach(source => source.Dispose());
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (DeviceCertificateSource source in _certificates)
        {
            source.Dispose();
        }
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

    private static WebApplication Build(BridgeOptions options, IReadOnlyList<RackChip> chips, IReadOnlyList<DeviceCertificateSource> certificates, TimeProvider time)
    {
        // The empty builder reads no appsettings.json and no ASPNETCORE_* variables: the listeners
        // are exactly the two below, whatever the environment says.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, CallerOwnedLifetime>(); // signals: the command line's
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
                    OnConnection = context => ChipCertificates(certificates, context.ClientHelloInfo.ServerName)
                        .HandshakeOptionsAsync(context.CancellationToken),
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
        else if (chips.Count == 1)
        {
            DeviceDashboard.Use(app, chips[0].Control); // the dashboard installed on the device (install_ui), if any; MSC only, so a rack has none
        }
        var forwarders = chips.Select(chip => new DeviceForwarder(chip.Channel, time)).ToArray();
        app.Run(new RackForwarder(forwarders, options.Hostname).InvokeAsync); // the chip the Host header names; 421 for none
        return app;
    }

    /// <summary>The certificate source of the chip <paramref name="serverName"/> (SNI) names; chip 1 for no or another name.</summary>
    private static DeviceCertificateSource ChipCertificates(IReadOnlyList<DeviceCertificateSource> certificates, string? serverName) =>
        ChipAddress.TryFind(serverName, certificates.Count, out int chip) ? certificates[chip - 1] : certificates[0];

    // Always with the port, even 80 or 443, which Uri.GetLeftPart would leave out.
    private static string Authority(Uri address) => $"{address.Scheme}://{address.Host}:{address.Port}";

    private static Uri BoundAddress(ICollection<string> addresses, string scheme) =>
        addresses.Select(address => new Uri(address)).Single(address => address.Scheme == scheme);
}
