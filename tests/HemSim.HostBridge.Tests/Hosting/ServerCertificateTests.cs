using System.Net;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using HemSim.HostBridge.Tests.Http;
using HemSim.TestKit;

namespace HemSim.HostBridge.Tests.Hosting;

/// <summary>The HTTPS certificate as a client receives it in the handshake.</summary>
[TestClass]
public sealed class ServerCertificateTests
{
    [TestMethod]
    public async Task Names_cover_the_hostname_localhost_and_the_loopback_addresses()
    {
        // Arrange
        await using TestBridge bridge = await TestBridge.StartAsync(hostname: "hem.test");

        // Act
        using X509Certificate2 certificate = await ServerCertificateOfAsync(bridge);

        // Assert
        X509SubjectAlternativeNameExtension names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        names.EnumerateDnsNames().Should().Contain(["hem.test", "localhost"]);
        names.EnumerateIPAddresses().Should().Contain([IPAddress.Loopback, IPAddress.IPv6Loopback]);
        certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false).Should().Be("hem.test");
    }

    [TestMethod]
    public async Task Certificate_is_for_server_authentication_and_chains_to_the_CA()
    {
        await using TestBridge bridge = await TestBridge.StartAsync();

        using X509Certificate2 certificate = await ServerCertificateOfAsync(bridge);

        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages
            .Cast<System.Security.Cryptography.Oid>().Select(oid => oid.Value).Should().Equal("1.3.6.1.5.5.7.3.1");
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.Should().BeFalse();
        certificate.Issuer.Should().Be(bridge.Ca.Subject);
        CaTrust.ChainsTo(bridge.Ca, certificate).Should().BeTrue();
    }

    [TestMethod]
    public async Task New_certificate_is_issued_at_every_start_by_the_same_CA()
    {
        // Arrange
        string folder = TestBridge.NewDataFolder();
        try
        {
            X509Certificate2 first;
            await using (TestBridge bridge = await TestBridge.StartAsync(folder))
            {
                first = await ServerCertificateOfAsync(bridge);
            }

            // Act
            await using TestBridge restarted = await TestBridge.StartAsync(folder, hostname: "renamed.test");
            using X509Certificate2 second = await ServerCertificateOfAsync(restarted);

            // Assert
            second.SerialNumber.Should().NotBe(first.SerialNumber);
            second.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().Should().Contain("renamed.test");
            CaTrust.ChainsTo(restarted.Ca, first).Should().BeTrue();
            CaTrust.ChainsTo(restarted.Ca, second).Should().BeTrue();
            first.Dispose();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task IP_literal_hostname_becomes_an_IP_address_name()
    {
        await using TestBridge bridge = await TestBridge.StartAsync(hostname: "192.168.7.1");

        using X509Certificate2 certificate = await ServerCertificateOfAsync(bridge);

        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single()
            .EnumerateIPAddresses().Should().Contain(IPAddress.Parse("192.168.7.1"));
    }

    private static async Task<X509Certificate2> ServerCertificateOfAsync(TestBridge bridge)
    {
        await using RawConnection connection = await RawConnection.OpenAsync(bridge.Host.HttpsAddress, bridge.Ca);
        return X509CertificateLoader.LoadCertificate(connection.Tls!.RemoteCertificate!.GetRawCertData());
    }
}
