using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.Auth;

/// <summary>POST /api/auth/init (spec §7, §10 A4).</summary>
[TestClass]
public sealed partial class AuthInitTests
{
    private const int DeviceInited = 0x1d;

    private static readonly ClientKey Stranger = ClientKey.FromSeed(0x33);

    private sealed record Challenge(string Jti, string Spk);

    private static Challenge GetChallenge(TestDevice device)
    {
        var json = TestDevice.Json(device.Get("/api/auth/init", tls: false));
        return new Challenge(json["jti"]!.GetValue<string>(), json["spk"]!.GetValue<string>());
    }

    /// <summary>A provisioning proof with iss = master, signed with <paramref name="signer"/>'s X25519(signer, spk).</summary>
    private static string InitProof(TestDevice device, Challenge challenge, ClientKey signer, bool withConfig = true)
    {
        var builder = ProofBuilder.ForChallenge(challenge.Jti, challenge.Spk, device.Now + 60, device.Now, TestDevice.Master, scope: null);
        if (withConfig)
        {
            builder.Payload["cfg"] = TestDevice.DefaultConfig(TestDevice.User, TestDevice.Master);
        }
        return builder.Sign(signer.Agree(challenge.Spk));
    }

    private static void ShouldStayFresh(TestDevice device, DeviceSnapshot before)
    {
        device.Core.IsInitialised.Should().BeFalse();
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
        TestDevice.Json(device.Get("/api/system/status"))["inited"]!.GetValue<bool>().Should().BeFalse();
    }

    [TestMethod]
    public void Provisioning_answers_instanceid_token_and_genuine()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = device.Provision();

        // Assert
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json.Select(p => p.Key).Should().Equal("instanceid", "token", "genuine");
        json["instanceid"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
        json["instanceid"]!.GetValue<string>().Should().Be(device.Core.Config!.InstanceId);
        json["genuine"]!.GetValue<string>().Split('.').Should().HaveCount(3);
    }

    [TestMethod]
    public void Provisioning_with_gen_csr_still_answers_genuine()
    {
        // Arrange: [T] test_2 always asks for a CSR and reads genuine from the answer.
        using var device = new TestDevice();

        // Act
        var response = device.Provision(cfg => cfg["gen_csr"] = true);

        // Assert
        response.Status.Should().Be(200);
        TestDevice.Json(response)["genuine"]!.GetValue<string>().Split('.').Should().HaveCount(3);
    }

    [TestMethod]
    public void Provisioning_with_gen_csr_answers_a_csr_for_the_device_tls_key_naming_the_hostname()
    {
        // Arrange: spec §7.3, [T] test_2 relays this CSR to the backend for a certificate.
        using var device = new TestDevice();

        // Act
        var response = device.Provision(cfg =>
        {
            cfg["gen_csr"] = true;
            cfg["hostname"] = "hem.example.test";
        });

        // Assert: a PEM PKCS#10 request, self-signed by the key it names, for CN = the hostname.
        var json = TestDevice.Json(response);
        var pem = json["csr"]!.GetValue<string>();
        var request = CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256);
        request.SubjectName.Name.Should().Be("CN=hem.example.test");
        using var tlsKey = request.PublicKey.GetECDsaPublicKey();
        tlsKey.Should().NotBeNull("the device TLS key is P-256");
    }

    [TestMethod]
    public void Provisioning_without_gen_csr_answers_no_csr()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var json = TestDevice.Json(device.Provision());

        // Assert
        json.ContainsKey("csr").Should().BeFalse();
    }

    [TestMethod]
    public void Provisioning_token_is_a_user_system_config_token_for_8_hours()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var token = TestDevice.Json(device.Provision())["token"]!.GetValue<string>();

        // Assert
        Encoding.UTF8.GetString(JwtText.Decode(token.Split('.')[0])).Should().Be("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
        var payload = JwtText.Payload(token);
        payload.Select(p => p.Key).Should().Equal("scope", "sub", "iat", "exp", "jti");
        payload["scope"]!.GetValue<string>().Should().Be("system:config");
        payload["sub"]!.GetValue<string>().Should().Be("U");
        payload["iat"]!.GetValue<long>().Should().Be(device.Now);
        payload["exp"]!.GetValue<long>().Should().Be(device.Now + 28800);
        device.Get("/api/system/reboot", token).Status.Should().Be(200);
    }

    [TestMethod]
    public void Provisioning_stores_the_configuration()
    {
        // Arrange
        using var device = new TestDevice();
        device.Clock.Advance(TimeSpan.FromSeconds(9));

        // Act
        device.Provision(cfg =>
        {
            cfg["user"] = "Alice";
            cfg["email"] = "alice@example.com";
            cfg["hostname"] = "hem1.ence.do";
            cfg["origin"] = "https://a.example";
            cfg["trusted_backend"] = true;
            cfg["allow_keysearch"] = true;
            cfg["ctx"] = 3;
        }).Status.Should().Be(200);

        // Assert
        var config = device.Core.Config!;
        config.UserKey.Should().Equal(TestDevice.User.Public);
        config.MasterKey.Should().Equal(TestDevice.Master.Public);
        config.User.Should().Be("Alice");
        config.Email.Should().Be("alice@example.com");
        config.Hostname.Should().Be("hem1.ence.do");
        config.Origin.Should().Be("https://a.example");
        config.TrustedTs.Should().BeFalse();
        config.TrustedBackend.Should().BeTrue();
        config.AllowKeysearch.Should().BeTrue();
        config.Ctx.Should().Be(3);
        config.Iat.Should().Be(device.Now);
        config.Uts.Should().Be(device.Now);
        device.Core.Flash.ReadBlob("config").Should().NotBeNull();
    }

    [TestMethod]
    public void Provisioning_logs_device_inited_with_subject_M()
    {
        // Arrange
        using var device = new TestDevice();
        var linesBefore = device.AuditLines().Count;

        // Act
        device.Provision().Status.Should().Be(200);

        // Assert
        var lines = device.AuditLines();
        lines.Should().HaveCount(linesBefore + 1);
        lines[^1].Type.Should().Be(DeviceInited);
        lines[^1].Result.Should().Be(0);
        lines[^1].Subject.Should().Be("M");
        lines[^1].Data.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow("user")]
    [DataRow("master")]
    public void Provisioning_enables_login_with_both_keys(string who)
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);

        // Act
        var response = device.LoginResponse("system:config", who == "user" ? TestDevice.User : TestDevice.Master);

        // Assert
        response.Status.Should().Be(200);
    }
}
