using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.Auth;

/// <summary>POST /api/auth/token: proofs refused with 401 (spec §6.2 steps 1–7).</summary>
public sealed partial class AuthTokenTests
{
    [TestMethod]
    [DataRow("{\"ecdh\":\"x25519\",\"alg\":\"HS512\",\"typ\":\"JWT\"}")]
    [DataRow("{\"ecdh\":\"x25519\",\"alg\":\"none\",\"typ\":\"JWT\"}")]
    [DataRow("{\"ecdh\":\"x25519\",\"alg\":\"hs256\",\"typ\":\"JWT\"}")]
    [DataRow("{\"ecdh\":\"x25519\",\"typ\":\"JWT\"}")]
    [DataRow("not json")]
    public void Login_answers_401_when_alg_is_not_HS256(string header)
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.LoginResponse("logger:get", TestDevice.User, tamper: b => b.Header = header);

        // Assert
        response.Status.Should().Be(401);
        response.Body.Should().BeEmpty();
    }

    [TestMethod]
    public void Login_answers_401_when_the_proof_is_signed_with_another_key()
    {
        // Arrange
        using var device = Provisioned();

        // Act: iss names the user, the HMAC key comes from a stranger's private key.
        var response = device.LoginResponse("logger:get", Stranger, tamper: b => b.Payload["iss"] = TestDevice.User.PublicText);

        // Assert
        response.Status.Should().Be(401);
    }

    [TestMethod]
    public void Login_answers_401_when_iss_matches_neither_key()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.LoginResponse("logger:get", Stranger);

        // Assert
        response.Status.Should().Be(401);
    }

    [TestMethod]
    [DataRow("AAAA")]
    [DataRow("not base64!")]
    [DataRow("")]
    public void Login_answers_401_when_iss_is_not_a_32_byte_key(string iss)
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.LoginResponse("logger:get", TestDevice.User, tamper: b => b.Payload["iss"] = iss);

        // Assert
        response.Status.Should().Be(401);
    }

    [TestMethod]
    public void Login_answers_401_to_a_bad_signature()
    {
        // Arrange
        using var device = Provisioned();
        var challenge = GetChallenge(device);
        var auth = SignedBy(Proof(device, challenge, TestDevice.User), TestDevice.User, challenge);
        var signature = auth[(auth.LastIndexOf('.') + 1)..];
        var flipped = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

        // Act
        var response = PostAuth(device, auth[..(auth.LastIndexOf('.') + 1)] + flipped);

        // Assert
        response.Status.Should().Be(401);
    }

    [TestMethod]
    public void Login_answers_401_when_a_signed_claim_was_altered()
    {
        // Arrange
        using var device = Provisioned();
        var challenge = GetChallenge(device);
        var auth = SignedBy(Proof(device, challenge, TestDevice.User, "logger:get"), TestDevice.User, challenge);
        var payload = JwtText.Payload(auth);
        payload["scope"] = "system:config";

        // Act
        var response = PostAuth(device, JwtText.WithPayload(auth, payload.ToJsonString()));

        // Assert
        response.Status.Should().Be(401);
    }

    [TestMethod]
    [DataRow(2)]
    [DataRow(4)]
    public void Login_answers_401_when_auth_does_not_have_three_segments(int segments)
    {
        // Arrange
        using var device = Provisioned();
        var challenge = GetChallenge(device);
        var parts = SignedBy(Proof(device, challenge, TestDevice.User), TestDevice.User, challenge).Split('.');
        var auth = segments == 2 ? parts[0] + "." + parts[1] : string.Join('.', parts) + ".AAAA";

        // Act
        var response = PostAuth(device, auth);

        // Assert
        response.Status.Should().Be(401);
    }

    [TestMethod]
    public void Login_answers_401_to_a_replayed_proof()
    {
        // Arrange
        using var device = Provisioned();
        var challenge = GetChallenge(device);
        var auth = SignedBy(Proof(device, challenge, TestDevice.User), TestDevice.User, challenge);
        PostAuth(device, auth).Status.Should().Be(200);

        // Act
        var replay = PostAuth(device, auth);

        // Assert
        replay.Status.Should().Be(401);
    }

    [TestMethod]
    public void Login_consumes_the_jti_even_when_the_attempt_fails()
    {
        // Arrange
        using var device = Provisioned();
        var challenge = GetChallenge(device);
        PostAuth(device, SignedBy(Proof(device, challenge, Stranger), Stranger, challenge)).Status.Should().Be(401);

        // Act: a correct proof with the nonce the failed attempt used.
        var response = PostAuth(device, SignedBy(Proof(device, challenge, TestDevice.User), TestDevice.User, challenge));

        // Assert
        response.Status.Should().Be(401);
    }

    [TestMethod]
    [DataRow(59.9, 200)]
    [DataRow(60.0, 401)]
    [DataRow(300.0, 401)]
    public void Login_accepts_a_jti_only_for_60_seconds(double ageSeconds, int expected)
    {
        // Arrange
        using var device = Provisioned();
        var challenge = GetChallenge(device);
        device.Clock.Advance(TimeSpan.FromSeconds(ageSeconds));

        // Act
        var response = PostAuth(device, SignedBy(Proof(device, challenge, TestDevice.User), TestDevice.User, challenge));

        // Assert
        response.Status.Should().Be(expected);
    }

    [TestMethod]
    public void Login_answers_401_to_a_jti_the_device_never_issued()
    {
        // Arrange
        using var device = Provisioned();
        var challenge = GetChallenge(device) with { Jti = Convert.ToBase64String(new byte[32]) };

        // Act
        var response = PostAuth(device, SignedBy(Proof(device, challenge, TestDevice.User), TestDevice.User, challenge));

        // Assert
        response.Status.Should().Be(401);
    }

    [TestMethod]
    public void Login_answers_401_when_aud_is_not_the_current_spk()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.LoginResponse("logger:get", TestDevice.User,
            tamper: b => b.Payload["aud"] = Convert.ToBase64String(new byte[32]));

        // Assert
        response.Status.Should().Be(401);
    }

    [TestMethod]
    public void Login_accepts_a_proof_without_aud()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.LoginResponse("logger:get", TestDevice.User, tamper: b => b.Payload.Remove("aud"));

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    [DataRow("payload-not-json")]
    [DataRow("payload-not-utf8")]
    [DataRow("payload-not-base64")]
    public void Login_answers_401_when_the_payload_does_not_decode(string kind)
    {
        // Arrange: spec §6.2 step 2, a header or payload that does not decode and parse is a 401.
        using var device = Provisioned();
        GetChallenge(device);
        var header = ProofBuilder.B64Url(Encoding.UTF8.GetBytes(ProofBuilder.JsHeader));
        var payload = kind switch
        {
            "payload-not-json" => ProofBuilder.B64Url("{\"jti\":"u8.ToArray()),
            "payload-not-utf8" => ProofBuilder.B64Url([.. "{\"jti\":\""u8, 0xC3, 0x28, .. "\"}"u8]),
            _ => "!!!",
        };

        // Act
        var response = PostAuth(device, header + "." + payload + "." + ProofBuilder.B64Url(new byte[32]));

        // Assert
        response.Status.Should().Be(401);
    }
}
