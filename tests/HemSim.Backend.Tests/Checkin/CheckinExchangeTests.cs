using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Backend.Checkin;
using HemSim.Firmware.Checkin;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Backend.Tests.Checkin;

/// <summary>The backend half of check-in against a real simulated device (spec §8, SIM encoding §8.4 (b)).</summary>
[TestClass]
public sealed class CheckinExchangeTests
{
    private const long BackendTime = 1_800_000_000;

    private static CheckinExchange Published(string action = "OK") => new(TestBackendKey.PrivateKey, action, () => BackendTime);

    private static byte[] CheckOf(TestDevice device) => device.Get("/api/system/checkin", tls: false).Body;

    [TestMethod]
    public void Exchange_answers_a_check_the_device_then_accepts()
    {
        // Arrange
        using var device = new TestDevice(clock: new FakeClock(unixSeconds: null));

        // Act
        var (status, body) = Published().Answer(CheckOf(device));
        var accepted = device.Post("/api/system/checkin", Encoding.UTF8.GetString(body), tls: false);

        // Assert
        status.Should().Be(200);
        JsonNode.Parse(body)!.AsObject().Select(p => p.Key).Should().Equal("checked");
        accepted.Status.Should().Be(200);
        TestDevice.Json(accepted)["status"]!.GetValue<string>().Should().Be("OK");
        device.Now.Should().Be(BackendTime);
    }

    [TestMethod]
    public void Exchange_answer_carries_the_claims_of_the_simulator_encoding()
    {
        // Arrange
        using var device = new TestDevice();
        var check = JsonNode.Parse(CheckOf(device))!["check"]!.GetValue<string>();

        // Act
        var (_, body) = Published().Answer(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { check })));

        // Assert
        var answer = JsonNode.Parse(body)!["checked"]!.GetValue<string>();
        Encoding.UTF8.GetString(JwtText.Decode(answer.Split('.')[0])).Should().Be("""{"ecdh":"x25519","typ":"JWT","alg":"HS256"}""");
        var claims = JwtText.Payload(answer);
        claims.Select(p => p.Key).Should().Equal("jti", "iat", "iss", "aud", "status");
        claims["iat"]!.GetValue<long>().Should().Be(BackendTime);
        claims["iss"]!.GetValue<string>().Should().Be(TestBackendKey.PublicKeyBase64);
        claims["aud"]!.GetValue<string>().Should().Be(JwtText.Payload(check)["jti"]!.GetValue<string>());
        Convert.FromBase64String(claims["jti"]!.GetValue<string>()).Should().HaveCount(32);
    }

    [TestMethod]
    [DataRow("OK")]
    [DataRow("L")]
    [DataRow("W")]
    [DataRow("R")]
    [DataRow("B")]
    [DataRow("U")]
    public void Exchange_orders_the_configured_action(string action)
    {
        using var device = new TestDevice();

        var (_, body) = Published(action).Answer(CheckOf(device));
        var accepted = device.Post("/api/system/checkin", Encoding.UTF8.GetString(body), tls: false);

        TestDevice.Json(accepted)["status"]!.GetValue<string>().Should().Be(action);
    }

    [TestMethod]
    public void Exchange_with_its_own_key_serves_a_device_that_trusts_that_key()
    {
        // Arrange
        var backend = ClientKey.FromSeed(0x42);
        using var device = new TestDevice(new HemDeviceOptions { BackendKey = backend.Public });

        // Act
        var (status, body) = new CheckinExchange(backend.Private, "OK", () => BackendTime).Answer(CheckOf(device));

        // Assert
        status.Should().Be(200);
        device.Post("/api/system/checkin", Encoding.UTF8.GetString(body), tls: false).Status.Should().Be(200);
    }

    [TestMethod]
    public void Exchange_refuses_a_check_signed_for_another_backend_key()
    {
        using var device = new TestDevice(new HemDeviceOptions { BackendKey = ClientKey.FromSeed(0x42).Public });

        var (status, body) = Published().Answer(CheckOf(device));

        status.Should().Be(401);
        body.Should().BeEmpty();
    }

    [TestMethod]
    public void Exchange_refuses_a_check_whose_mac_does_not_verify()
    {
        // Arrange: the check names this backend but is signed under another secret.
        using var device = new TestDevice();
        var check = JsonNode.Parse(CheckOf(device))!["check"]!.GetValue<string>();
        var parts = check.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + ProofBuilder.B64Url(new byte[32]);

        // Act
        var (status, _) = Published().Answer(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { check = forged })));

        // Assert
        status.Should().Be(401);
    }

    [TestMethod]
    [DataRow("{\"check\":", DisplayName = "unparseable")]
    [DataRow("{}", DisplayName = "check missing")]
    [DataRow("{\"check\":7}", DisplayName = "check not a string")]
    [DataRow("{\"check\":\"a.b\"}", DisplayName = "two segments")]
    [DataRow("{\"check\":\"e30.e30.AA\"}", DisplayName = "claims missing")]
    [DataRow("[]", DisplayName = "not an object")]
    public void Exchange_answers_400_to_a_malformed_request(string body)
    {
        var (status, reply) = Published().Answer(Encoding.UTF8.GetBytes(body));

        status.Should().Be(400);
        reply.Should().BeEmpty();
    }
}
