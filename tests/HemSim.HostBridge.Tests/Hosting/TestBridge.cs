using System.Security.Cryptography.X509Certificates;
using HemSim.HostBridge.Hosting;
using HemSim.HostBridge.Tests.Http;
using HemSim.TestKit;

namespace HemSim.HostBridge.Tests.Hosting;

/// <summary>
/// The real bridge on 127.0.0.1 with free ports, a fresh data folder and a fake device, plus clients
/// that trust its CA.
/// </summary>
internal sealed class TestBridge : IAsyncDisposable
{
    private readonly bool _ownsFolder;

    private TestBridge(BridgeHost host, FakeDeviceChannel device, string dataDirectory, bool ownsFolder)
    {
        Host = host;
        Device = device;
        DataDirectory = dataDirectory;
        _ownsFolder = ownsFolder;
        Ca = CaTrust.Load(host.CaCertificatePath);
        Client = CaTrust.CreateClient(Ca);
    }

    public BridgeHost Host { get; }

    public FakeDeviceChannel Device { get; }

    public string DataDirectory { get; }

    public X509Certificate2 Ca { get; }

    /// <summary>An HttpClient that trusts <see cref="Ca"/>.</summary>
    public HttpClient Client { get; }

    public Uri Http(string pathAndQuery) => new(Host.HttpAddress, pathAndQuery);

    public Uri Https(string pathAndQuery) => new(Host.HttpsAddress, pathAndQuery);

    public Uri Address(bool tls, string pathAndQuery) => tls ? Https(pathAndQuery) : Http(pathAndQuery);

    public static string NewDataFolder() => Path.Combine(Path.GetTempPath(), "hemsim-bridge-tests", Guid.NewGuid().ToString("N"));

    /// <param name="dataDirectory">An existing folder to reuse; by default a new one, deleted on dispose.</param>
    public static async Task<TestBridge> StartAsync(string? dataDirectory = null, string hostname = BridgeOptions.DefaultHostname)
    {
        var device = new FakeDeviceChannel();
        string folder = dataDirectory ?? NewDataFolder();
        var options = new BridgeOptions
        {
            DataDirectory = folder,
            HttpPort = 0,
            HttpsPort = 0,
            Hostname = hostname,
        };
        BridgeHost host = await BridgeHost.StartAsync(options, device);
        return new TestBridge(host, device, folder, ownsFolder: dataDirectory is null);
    }

    public Task<RawHttpResponse> SendRawAsync(bool tls, string head, byte[]? body = null) =>
        RawHttp.ExchangeAsync(tls ? Host.HttpsAddress : Host.HttpAddress, tls ? Ca : null, RawHttp.Request(head, body));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Ca.Dispose();
        await Host.DisposeAsync();
        if (_ownsFolder && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
