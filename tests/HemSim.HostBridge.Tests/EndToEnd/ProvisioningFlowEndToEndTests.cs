using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Cli;
using HemSim.Cli.Auth;
using HemSim.Cli.Input;
using HemSim.HostBridge.Tests.Hosting;
using HemSim.TestKit;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// Provisioning as the vendor tester runs it ([T] test_2 subtests 1 and 3, spec §7.1), through the real bridge
/// (RTC unset, as a real device boots) and the real stand-in backend on the same data folder: status → check-in →
/// init with <c>gen_csr</c> → certificate registration at the backend → config <c>tls</c> → reboot → check-in →
/// HTTPS for the configured hostname with the new certificate, verified against the HemSim CA, over TLS 1.3; and
/// the tester's default variant without a CSR, where the backend delivers the TLS key as well.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class ProvisioningFlowEndToEndTests
{
    private const string Prefix = "cctest1700000000";
    private const string Hostname = Prefix + ".ence.do";

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public Task Vendor_provisioning_order_ends_with_https_for_the_hostname_under_the_registered_certificate() =>
        VendorOrderAsync(withCsr: true);

    /// <summary>
    /// The tester's default (<c>$cfg_enforce_ppa_domain = 1</c>): registration with <c>{genuine, ip}</c> and no CSR; the
    /// backend makes the TLS key and delivers it as <c>{emp, key, crt}</c> (HemSim key-delivery scheme v1), the device
    /// installs it, and after the reboot HTTPS runs on the delivered key under the delivered certificate.
    /// </summary>
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public Task Vendor_provisioning_order_without_csr_serves_the_delivered_key_and_certificate() =>
        VendorOrderAsync(withCsr: false);

    private static async Task VendorOrderAsync(bool withCsr)
    {
        var folder = TestBridge.NewDataFolder();
        try
        {
            await using var bridge = await BridgeProcess.StartAsync(folder, "--clock", "unset");
            await using var backend = await BackendProcess.StartAsync(folder);
            using var ca = CaTrust.Load(Path.Combine(folder, "ca.pem"));

            // a) status over plain HTTP: not initialised.
            (await bridge.GetAsync("/api/system/status", tls: false)).Json.ContainsKey("inited").Should().BeTrue();

            // c) check-in sets the RTC (GET /api/auth/init answers 403 while it is unset).
            await CheckinAsync(bridge, backend);

            // e)–g) init (with gen_csr: the answer carries the CSR); the attestation token comes in any case.
            var init = await InitWithCsrAsync(bridge, withCsr);
            var token = init["token"]!.GetValue<string>();

            // i) certificate registration at the backend, then the bundle installed unchanged over plain HTTP.
            var registration = new JsonObject { ["genuine"] = init["genuine"]!.GetValue<string>(), ["ip"] = "127.0.0.1" };
            if (withCsr)
            {
                registration["csr"] = init["csr"]!.GetValue<string>();
            }
            var (registered, bundle) = await backend.PostAsync($"/domain/register/{Prefix}/cctest-auth-key", registration.ToJsonString());
            registered.Should().Be(200);
            bundle!.ContainsKey("key").Should().Be(!withCsr, "the backend delivers a key exactly when no CSR came");
            var install = await bridge.PostAsync("/api/system/config", $$"""{"tls":{{bundle!.ToJsonString()}}}""", token, tls: false);
            install.Status.Should().Be(200);
            install.Json["reboot_required"]!.GetValue<bool>().Should().BeTrue();
            (await bridge.GetAsync("/api/system/reboot", token, tls: false)).Status.Should().Be(200);

            // j)–k) after the reboot: status, then a check-in again (the RTC is lost at every boot).
            var status = await bridge.GetAsync("/api/system/status", tls: false);
            status.Status.Should().Be(200);
            status.Json.ContainsKey("https").Should().BeTrue();
            await CheckinAsync(bridge, backend);
            (await bridge.GetAsync("/api/system/status", tls: false)).Json.ContainsKey("time").Should().BeTrue();

            // Subtest 3: TLS for the hostname with the registered certificate, trusted through the HemSim CA only.
            var issued = Convert.FromBase64String(bundle["crt"]!.GetValue<string>());
            var (served, errors, protocol) = await HandshakeAsync(bridge, ca);
            using (served)
            {
                served.RawData.Should().Equal(issued, "the device serves the certificate the backend issued");
                errors.Should().Be(SslPolicyErrors.None, "the name matches and the chain builds to the HemSim CA");
            }
            protocol.Should().Be(SslProtocols.Tls13);
            (await GetOverTls13Async(bridge, ca, "/api/system/status")).Should().Be(200);

            // Subtest 2: initialisation cannot be repeated.
            (await bridge.GetAsync("/api/auth/init", tls: false)).Status.Should().Be(406);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Hemsim_tls_enroll_installs_a_backend_certificate_that_the_device_serves_after_the_reboot()
    {
        var folder = TestBridge.NewDataFolder();
        try
        {
            // Arrange: a provisioned device (RTC preset from the host), a user token, the backend.
            await using var bridge = await BridgeProcess.StartAsync(folder);
            await using var backend = await BackendProcess.StartAsync(folder);
            using var ca = CaTrust.Load(Path.Combine(folder, "ca.pem"));
            var eid = (await bridge.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            using var client = PassphraseClient.Derive(eid);
            (await client.ProvisionAsync(bridge)).Status.Should().Be(200);
            var token = await client.TokenAsync(bridge, "system:config");

            // Act: over HTTPS, trusting the HemSim CA, as a user runs it.
            using var stdout = new StringWriter { NewLine = "\n" };
            using var stderr = new StringWriter { NewLine = "\n" };
            var host = new CliHost(stdout, stderr, new SystemConsoleInput(), _ => null, TimeProvider.System);
            var exit = await HemSim.Cli.Program.RunAsync(
                ["tls", "enroll", "--reboot", "--json", "--token", token, "--backend", backend.Url.ToString(),
                 "--url", bridge.Https.ToString(), "--ca", Path.Combine(folder, "ca.pem")], host);

            // Assert: the served certificate is the backend's, for the device's hostname and the address used.
            exit.Should().Be(0, stderr.ToString());
            var bundle = JsonNode.Parse(stdout.ToString())!.AsObject();
            var issued = Convert.FromBase64String(bundle["crt"]!.GetValue<string>());
            using var certificate = X509CertificateLoader.LoadCertificate(issued);
            certificate.Subject.Should().Be("CN=my.ence.do");
            certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single()
                .EnumerateIPAddresses().Select(a => a.ToString()).Should().Equal("127.0.0.1");
            var (served, _, _) = await HandshakeAsync(bridge, ca, "my.ence.do");
            using (served)
            {
                served.RawData.Should().Equal(issued);
            }
            (await bridge.GetAsync("/api/system/status")).Status.Should().Be(200, "HTTPS by address still validates");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The check-in relay of [T] (spec §8.1): device → backend → device.</summary>
    private static async Task CheckinAsync(BridgeProcess bridge, BackendProcess backend)
    {
        var check = await bridge.GetAsync("/api/system/checkin", tls: false);
        check.Status.Should().Be(200);
        var (status, answer) = await backend.PostAsync("/checkin", check.Body);
        status.Should().Be(200);
        var result = await bridge.PostAsync("/api/system/checkin", answer!.ToJsonString(), tls: false);
        result.Status.Should().Be(200);
        result.Json["status"]!.GetValue<string>().Should().Be("OK");
    }

    /// <summary>GET+POST /api/auth/init with the cfg [T] test_2 sends, <c>gen_csr</c> included; returns the 200 answer.</summary>
    private static async Task<JsonObject> InitWithCsrAsync(BridgeProcess bridge, bool genCsr = true)
    {
        var challenge = await bridge.GetAsync("/api/auth/init", tls: false);
        challenge.Status.Should().Be(200, "the RTC is set");
        var spk = challenge.Json["spk"]!.GetValue<string>();
        using var client = PassphraseClient.Derive(challenge.Json["eid"]!.GetValue<string>());
        var payload = new JsonObject
        {
            ["jti"] = challenge.Json["jti"]!.GetValue<string>(),
            ["aud"] = spk,
            ["exp"] = challenge.Json["exp"]!.GetValue<long>(),
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["iss"] = client.Admin.PublicKeyBase64,
            ["cfg"] = new JsonObject
            {
                ["masterkey"] = client.Admin.PublicKeyBase64, ["userkey"] = client.User.PublicKeyBase64, ["user"] = "E2E tester",
                ["email"] = "cctest@example.test", ["hostname"] = Hostname, ["ip"] = "192.168.7.1", ["storage_mode"] = 81,
                ["storage_disk0size"] = 8388608, ["dnsd"] = false, ["trusted_ts"] = true, ["trusted_backend"] = true,
                ["allow_keysearch"] = true, ["gen_csr"] = genCsr, ["origin"] = "*",
            },
        };
        var hmacKey = client.Admin.AgreeWith(Convert.FromBase64String(spk));
        var init = EjwtBuilder.Sign("""{"alg":"HS256","typ":"JWT","ecdh":"x25519"}"""u8, Encoding.UTF8.GetBytes(payload.ToJsonString()), hmacKey);
        CryptographicOperations.ZeroMemory(hmacKey);
        var reply = await bridge.PostAsync("/api/auth/init", new { init }, tls: false);
        reply.Status.Should().Be(200);
        reply.Json.ContainsKey("csr").Should().Be(genCsr);
        return reply.Json;
    }

    /// <summary>One TLS handshake for <paramref name="hostname"/>: the certificate presented, the policy errors left
    /// after trusting only the HemSim CA, and the protocol agreed.</summary>
    private static async Task<(X509Certificate2 Certificate, SslPolicyErrors Errors, SslProtocols Protocol)> HandshakeAsync(
        BridgeProcess bridge, X509Certificate2 ca, string hostname = Hostname)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(bridge.Https.Host, bridge.Https.Port);
        X509Certificate2? presented = null;
        var errors = SslPolicyErrors.None;
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, policyErrors) =>
        {
            presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            errors = CaTrust.Validates(ca, certificate, policyErrors) ? SslPolicyErrors.None : policyErrors;
            return true;    // the test asserts on the outcome
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = hostname });
        presented.Should().NotBeNull();
        return (presented!, errors, tls.SslProtocol);
    }

    /// <summary>An HTTPS GET addressed to the configured hostname (resolved to the bridge), TLS 1.3 only, CA-verified.</summary>
    private static async Task<int> GetOverTls13Async(BridgeProcess bridge, X509Certificate2 ca, string path)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(bridge.Https.Host, bridge.Https.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => CaTrust.Validates(ca, certificate, errors),
            },
        });
        using var response = await http.GetAsync(new Uri($"https://{Hostname}:{bridge.Https.Port}{path}"));
        return (int)response.StatusCode;
    }
}
