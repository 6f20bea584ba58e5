using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.Auth;

/// <summary>POST /api/auth/token (spec §10 A2, §6.2): accepted proof variants, body rules and device state.</summary>
[TestClass]
public sealed partial class AuthTokenTests
{
    private static readonly ClientKey Stranger = ClientKey.FromSeed(0x33);

    private static TestDevice Provisioned(Action<JsonObject>? editConfig = null)
    {
        var device = new TestDevice();
        device.Provision(editConfig).Status.Should().Be(200);
        return device;
    }

    private sealed record Challenge(string Jti, string Spk);

    private static Challenge GetChallenge(TestDevice device)
    {
        var json = TestDevice.Json(device.Get("/api/auth/token", tls: false));
        return new Challenge(json["jti"]!.GetValue<string>(), json["spk"]!.GetValue<string>());
    }

    private static ProofBuilder Proof(TestDevice device, Challenge challenge, ClientKey issuer, string? scope = "logger:get") =>
        ProofBuilder.ForChallenge(challenge.Jti, challenge.Spk, device.Now + 3600, device.Now, issuer, scope);

    private static ApiResponse PostAuth(TestDevice device, string auth) =>
        device.Post("/api/auth/token", new { auth }, tls: false);

    private static string SignedBy(ProofBuilder builder, ClientKey key, Challenge challenge) => builder.Sign(key.Agree(challenge.Spk));

    [TestMethod]
    [DataRow("user", "U")]
    [DataRow("master", "M")]
    public void Login_maps_the_issuer_key_to_its_role(string who, string expectedSub)
    {
        // Arrange
        using var device = Provisioned();
        var key = who == "user" ? TestDevice.User : TestDevice.Master;

        // Act
        var response = device.LoginResponse("system:config", key);

        // Assert
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json.Select(p => p.Key).Should().Equal("token");
        JwtText.Payload(json["token"]!.GetValue<string>())["sub"]!.GetValue<string>().Should().Be(expectedSub);
    }

    [TestMethod]
    public void Login_accepts_the_php_header_order_and_escaped_slashes()
    {
        // Arrange
        using var device = Provisioned();
        var challenge = GetChallenge(device);
        var builder = Proof(device, challenge, TestDevice.User);
        builder.Header = ProofBuilder.PhpHeader;
        builder.EscapeSlashes = true;
        builder.Payload["note"] = "a/b/c";
        var auth = SignedBy(builder, TestDevice.User, challenge);
        Encoding.UTF8.GetString(JwtText.Decode(auth.Split('.')[1])).Should().Contain("\\/");

        // Act
        var response = PostAuth(device, auth);

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    public void Login_accepts_segments_in_standard_base64_with_padding()
    {
        // Arrange: spec §6.2 step 2, the HMAC covers the segments exactly as received.
        using var device = Provisioned();
        var challenge = GetChallenge(device);
        var builder = Proof(device, challenge, TestDevice.User);
        builder.Payload["pad"] = "xx";
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes(builder.Header));
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(builder.Payload.ToJsonString()));
        var signingInput = header + "." + payload;
        var mac = global::System.Security.Cryptography.HMACSHA256.HashData(
            TestDevice.User.Agree(challenge.Spk), Encoding.ASCII.GetBytes(signingInput));
        var auth = signingInput + "." + Convert.ToBase64String(mac);
        auth.Should().Contain("=");

        // Act
        var response = PostAuth(device, auth);

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    [DataRow("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")]
    [DataRow("{\"alg\":\"HS256\"}")]
    public void Login_accepts_a_header_without_ecdh(string header)
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.LoginResponse("logger:get", TestDevice.User, tamper: b => b.Header = header);

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    [DataRow("{}")]
    [DataRow("{\"auth\":5}")]
    [DataRow("{\"auth\":null}")]
    [DataRow("{\"auth\":{\"a\":1}}")]
    [DataRow("{\"auth\":\"x.y.z\"")]
    [DataRow("[\"x.y.z\"]")]
    [DataRow("")]
    public void Login_answers_400_when_auth_is_missing_or_not_a_string(string body)
    {
        // Arrange
        using var device = Provisioned();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post("/api/auth/token", body, tls: false);

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("text/plain", 400)]
    [DataRow(null, 400)]
    [DataRow("application/x-www-form-urlencoded", 400)]
    [DataRow("application/json; charset=utf-8", 200)]
    [DataRow("Application/JSON", 200)]
    public void Login_requires_a_json_content_type(string? contentType, int expected)
    {
        // Arrange
        using var device = Provisioned();
        var challenge = GetChallenge(device);
        var auth = SignedBy(Proof(device, challenge, TestDevice.User), TestDevice.User, challenge);
        var body = Encoding.UTF8.GetBytes("{\"auth\":\"" + auth + "\"}");

        // Act
        var response = device.Send(ApiRequest.Post("/api/auth/token", body, isTls: false) with { ContentType = contentType });

        // Assert
        response.Status.Should().Be(expected);
    }

    [TestMethod]
    [DataRow(127, 200)]
    [DataRow(128, 400)]
    public void Login_limits_the_scope_to_127_characters(int length, int expected)
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.LoginResponse(new string('s', length), TestDevice.User);

        // Assert
        response.Status.Should().Be(expected);
    }

    [TestMethod]
    public void Login_answers_400_to_a_ctx_of_64_characters()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.LoginResponse("logger:get", TestDevice.User, tamper: b => b.Payload["ctx"] = new string('c', 64));

        // Assert
        response.Status.Should().Be(400);
    }

    [TestMethod]
    public void Login_answers_409_on_a_fresh_device()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = device.Post("/api/auth/token", new { auth = "a.b.c" }, tls: false);

        // Assert
        response.Status.Should().Be(409);
    }

    [TestMethod]
    public void Login_answers_409_while_a_fault_is_latched()
    {
        // Arrange
        using var device = Provisioned();
        var challenge = GetChallenge(device);
        device.Core.Boot.FaultState = 0x04;

        // Act
        var response = PostAuth(device, SignedBy(Proof(device, challenge, TestDevice.User), TestDevice.User, challenge));

        // Assert
        response.Status.Should().Be(409);
    }

    [TestMethod]
    public void Login_answers_403_when_trusted_ts_is_on_and_the_rtc_is_unset()
    {
        // Arrange
        using var device = Provisioned(cfg => cfg["trusted_ts"] = true);
        device.Clock.Unset();

        // Act
        var response = device.Post("/api/auth/token", new { auth = "a.b.c" }, tls: false);

        // Assert
        response.Status.Should().Be(403);
    }

    [TestMethod]
    public void Login_works_without_the_rtc_when_trusted_ts_is_off()
    {
        // Arrange
        using var device = Provisioned();
        device.Clock.Unset();

        // Act
        var response = device.LoginResponse("logger:get", TestDevice.User);

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    [DataRow("stranger")]
    [DataRow("bad-body")]
    [DataRow("replay")]
    public void Login_failure_writes_nothing(string kind)
    {
        // Arrange
        using var device = Provisioned();
        var challenge = GetChallenge(device);
        var good = SignedBy(Proof(device, challenge, TestDevice.User), TestDevice.User, challenge);
        if (kind == "replay")
        {
            PostAuth(device, good).Status.Should().Be(200);
        }
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = kind switch
        {
            "stranger" => device.LoginResponse("logger:get", Stranger),
            "bad-body" => device.Post("/api/auth/token", "{\"auth\":1}", tls: false),
            _ => PostAuth(device, good),
        };

        // Assert: spec §6.2 step 10 documents no audit entry for failures.
        response.Status.Should().BeOneOf(400, 401);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }
}
