using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using HemSim.HostBridge.Tests.Hosting;
using HemSim.TestKit;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// The device's TLS identity through the real bridge process (issue #6): the key lives in the device's flash, the
/// bridge fetches it over the control channel and serves it. A fresh device presents a HemSim CA certificate for its
/// hostname; a certificate imported with <c>POST /api/system/config</c> <c>tls</c> is served after a reboot.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class TlsIdentityEndToEndTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Fresh_device_serves_a_hemsim_ca_certificate_for_its_hostname_and_the_extra_names()
    {
        var folder = TestBridge.NewDataFolder();
        try
        {
            await using var bridge = await BridgeProcess.StartAsync(folder, "--hostname", "hem.test.example");
            using var ca = CaTrust.Load(Path.Combine(folder, "ca.pem"));

            var (served, protocol) = await HandshakeAsync(bridge);
            using var _ = served;

            protocol.Should().Be(SslProtocols.Tls13);
            CaTrust.ChainsTo(ca, served).Should().BeTrue();
            served.GetNameInfo(X509NameType.SimpleName, forIssuer: false).Should().Be("my.ence.do");
            var names = served.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
            names.EnumerateDnsNames().Should().Contain(["my.ence.do", "hem.test.example", "localhost"]);
            names.EnumerateIPAddresses().Select(a => a.ToString()).Should().Contain(["127.0.0.1", "::1"]);
            (await bridge.GetAsync("/api/system/status")).Status.Should().Be(200, "the HTTPS path works with the device's key");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Imported_certificate_for_the_device_key_is_served_after_a_reboot()
    {
        var folder = TestBridge.NewDataFolder();
        try
        {
            await using var bridge = await BridgeProcess.StartAsync(folder);
            var eid = (await bridge.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            using var client = PassphraseClient.Derive(eid);
            (await client.ProvisionAsync(bridge)).Status.Should().Be(200);
            var token = await client.TokenAsync(bridge, "system:config");

            // The device makes a CSR for its TLS key; the served certificate already carries that key.
            var csrReply = await bridge.PostAsync("/api/system/config", new { gen_csr = true }, token, tls: false);
            csrReply.Status.Should().Be(200);
            var csr = CertificateRequest.LoadSigningRequestPem(csrReply.Json["csr"]!.GetValue<string>(), HashAlgorithmName.SHA256);
            var deviceKey = csr.PublicKey.ExportSubjectPublicKeyInfo();
            var (before, _) = await HandshakeAsync(bridge);
            using (before)
            {
                before.PublicKey.ExportSubjectPublicKeyInfo().Should().Equal(deviceKey);
            }

            // A test CA certifies the device key; the certificate goes in over plain HTTP, as [T] test_2 does it.
            using var testCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var now = DateTimeOffset.UtcNow;
            using var imported = csr.Create(new X500DistinguishedName("CN=TLS identity test CA"),
                X509SignatureGenerator.CreateForECDsa(testCaKey), now.AddMinutes(-5), now.AddDays(1), [0x42]);
            var install = await bridge.PostAsync("/api/system/config",
                new { tls = new { crt = Convert.ToBase64String(imported.RawData) } }, token, tls: false);
            install.Status.Should().Be(200);
            install.Json["reboot_required"]!.GetValue<bool>().Should().BeTrue();

            var (stillOld, _) = await HandshakeAsync(bridge);
            using (stillOld)
            {
                stillOld.RawData.Should().NotEqual(imported.RawData, "the import takes effect at the next boot");
            }

            (await bridge.GetAsync("/api/system/reboot", token, tls: false)).Status.Should().Be(200);

            var (after, protocol) = await HandshakeAsync(bridge);
            using (after)
            {
                after.RawData.Should().Equal(imported.RawData);
            }
            protocol.Should().Be(SslProtocols.Tls13);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One TLS handshake with the bridge: the certificate it presented and the protocol agreed.</summary>
    private static async Task<(X509Certificate2 Certificate, SslProtocols Protocol)> HandshakeAsync(BridgeProcess bridge)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(bridge.Https.Host, bridge.Https.Port);
        X509Certificate2? presented = null;
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) =>
        {
            presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return true;    // the test checks the certificate itself, against the CA it expects
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "my.ence.do" });
        presented.Should().NotBeNull();
        return (presented!, tls.SslProtocol);
    }
}
