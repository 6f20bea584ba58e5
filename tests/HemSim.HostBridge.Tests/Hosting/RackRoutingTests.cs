using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using HemSim.HostBridge.Hosting;
using HemSim.TestKit;

namespace HemSim.HostBridge.Tests.Hosting;

/// <summary>
/// The bridge in front of an EPA rack, in process with fake chips: the Host header picks the chip, a name of no chip
/// gets 421, and the TLS handshake's SNI picks the chip's certificate.
/// </summary>
[TestClass]
public sealed class RackRoutingTests
{
    private static readonly string s_folder = TestBridge.NewDataFolder();
    private static readonly FakeDeviceChannel[] s_chips = [new(), new(), new()];
    private static BridgeHost s_host = null!;
    private static X509Certificate2 s_ca = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        var options = new BridgeOptions { DataDirectory = s_folder, HttpPort = 0, HttpsPort = 0, Hostname = "rack.test" };
        s_host = await BridgeHost.StartAsync(options, s_chips.Select(chip => new RackChip(chip, null)).ToArray(), TimeProvider.System, CancellationToken.None);
        s_ca = CaTrust.Load(s_host.CaCertificatePath);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        s_ca.Dispose();
        await s_host.DisposeAsync();
        Directory.Delete(s_folder, recursive: true);
    }

    [TestInitialize]
    public void ResetChips()
    {
        foreach (FakeDeviceChannel chip in s_chips)
        {
            chip.Reset();
        }
    }

    [TestMethod]
    [DataRow("c1.rack.test", 1)]
    [DataRow("c2.rack.test", 2)]
    [DataRow("C3.Rack.Test", 3)]
    [DataRow("c2.any.other.domain", 2)]
    [DataRow("c3.localhost", 3)]
    public async Task Host_header_picks_the_chip_and_reaches_it_unchanged(string host, int chip)
    {
        // Act
        (HttpStatusCode status, _) = await GetAsync(host, tls: false);

        // Assert
        status.Should().Be(HttpStatusCode.OK);
        s_chips[chip - 1].Received.Should().ContainSingle().Which.Host.Should().Be($"{host}:{s_host.HttpAddress.Port}");
        s_chips.Where((_, index) => index != chip - 1).Should().OnlyContain(other => other.Received.Count == 0);
    }

    [TestMethod]
    [DataRow("127.0.0.1")]
    [DataRow("rack.test")]
    [DataRow("c0.rack.test")]
    [DataRow("c4.rack.test")]
    [DataRow("c01.rack.test")]
    [DataRow("chip1.rack.test")]
    public async Task A_name_of_no_chip_gets_421_with_the_names_that_work(string host)
    {
        // Act
        (HttpStatusCode status, string body) = await GetAsync(host, tls: false);

        // Assert
        ((int)status).Should().Be(421);
        body.Should().Contain("c1.rack.test ... c3.rack.test");
        s_chips.Should().OnlyContain(chip => chip.Received.Count == 0, "no chip sees a misdirected request");
    }

    [TestMethod]
    [DataRow("127.0.0.1")]
    [DataRow("my.ence.do")]
    [DataRow("c5.rack.test")]
    public async Task A_single_device_takes_every_host_name(string host)
    {
        // Arrange
        await using TestBridge bridge = await TestBridge.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, bridge.Http("/api/system/status"));
        request.Headers.Host = $"{host}:{bridge.Host.HttpAddress.Port}";

        // Act
        using HttpResponseMessage response = await bridge.Client.SendAsync(request);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        bridge.Device.Received.Should().ContainSingle();
    }

    [TestMethod]
    public async Task Https_request_reaches_the_chip_its_name_names_with_a_certificate_for_that_name()
    {
        // Act: the client validates the certificate against c2.localhost (SNI and Host)
        (HttpStatusCode status, _) = await GetAsync("c2.localhost", tls: true);

        // Assert
        status.Should().Be(HttpStatusCode.OK);
        s_chips[1].Received.Should().ContainSingle().Which.IsTls.Should().BeTrue();
    }

    [TestMethod]
    [DataRow("c1.rack.test", "c1.rack.test")]
    [DataRow("c2.rack.test", "c2.rack.test")]
    [DataRow("c3.127.0.0.1", "c3.rack.test")]
    [DataRow("elsewhere.test", "c1.rack.test")]
    [DataRow(null, "c1.rack.test")]
    public async Task Sni_picks_the_chip_certificate_and_chip_1_for_no_or_another_name(string? serverName, string expectedSubject)
    {
        // Act
        using X509Certificate2 certificate = await HandshakeAsync(serverName);

        // Assert: each chip has its own certificate from the bridge's CA, named c<i>.<--hostname> first
        certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false).Should().Be(expectedSubject);
        CaTrust.ChainsTo(s_ca, certificate).Should().BeTrue();
        if (serverName is not null && serverName.StartsWith('c'))
        {
            certificate.MatchesHostname(serverName).Should().BeTrue("the chip's name is in its certificate");
        }
    }

    [TestMethod]
    [DataRow("c1.rack.test", "c2.rack.test", 421, 0, DisplayName = "SNI names chip 1, Host chip 2: misdirected")]
    [DataRow("c3.localhost", "c2.rack.test", 421, 0, DisplayName = "SNI names chip 3 in another domain, Host chip 2: misdirected")]
    [DataRow("c2.rack.test", "C2.other.test", 200, 2, DisplayName = "both name chip 2")]
    [DataRow("elsewhere.test", "c2.rack.test", 200, 2, DisplayName = "SNI names no chip: the Host decides")]
    [DataRow(null, "c3.rack.test", 200, 3, DisplayName = "no SNI: the Host decides")]
    public async Task Https_request_whose_Host_names_another_chip_than_its_SNI_gets_421(string? serverName, string host, int expected, int chip)
    {
        // Act: a raw request, because HttpClient takes the SNI from the Host header
        (int status, string body) = await RawHttpsGetAsync(serverName, host);

        // Assert
        status.Should().Be(expected);
        if (chip == 0)
        {
            body.Should().Contain("another chip than the TLS server name");
            s_chips.Should().OnlyContain(other => other.Received.Count == 0, "no chip answers over another chip's certificate");
        }
        else
        {
            s_chips[chip - 1].Received.Should().ContainSingle();
        }
    }

    [TestMethod]
    public async Task Chip_certificates_differ_in_key()
    {
        using X509Certificate2 chip1 = await HandshakeAsync("c1.rack.test");
        using X509Certificate2 chip2 = await HandshakeAsync("c2.rack.test");

        chip2.GetPublicKeyString().Should().NotBe(chip1.GetPublicKeyString());
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(string host, bool tls)
    {
        using HttpClient client = CaTrust.CreateClient(s_ca);
        Uri address = tls ? s_host.HttpsAddress : s_host.HttpAddress;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "/api/system/status"));
        request.Headers.Host = $"{host}:{address.Port}";
        using HttpResponseMessage response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(int Status, string Body)> RawHttpsGetAsync(string? serverName, string host)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, s_host.HttpsAddress.Port);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = serverName ?? "127.0.0.1",     // an IP address sends no SNI
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        await tls.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET /api/system/status HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        using var reader = new StreamReader(tls, System.Text.Encoding.UTF8);
        string response = await reader.ReadToEndAsync();    // the bridge closes every connection after its response
        return (int.Parse(response.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture), response);
    }

    private static async Task<X509Certificate2> HandshakeAsync(string? serverName)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, s_host.HttpsAddress.Port);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            // An IP address as target host sends no SNI at all.
            TargetHost = serverName ?? "127.0.0.1",
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        return X509CertificateLoader.LoadCertificate(tls.RemoteCertificate!.GetRawCertData());
    }
}
