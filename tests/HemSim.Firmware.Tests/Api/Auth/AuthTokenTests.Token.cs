using System.Buffers.Binary;
using System.Text;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.Auth;

/// <summary>POST /api/auth/token: the issued token (spec §5.1, §5.5) and its audit lines (spec §19.5).</summary>
public sealed partial class AuthTokenTests
{
    private const int AuthSuccessInternal = 0x0d, KeyUsagePkey = 0x17;

    private static string TokenOf(ApiResponse response)
    {
        response.Status.Should().Be(200);
        return TestDevice.Json(response)["token"]!.GetValue<string>();
    }

    [TestMethod]
    public void Token_has_the_fixed_header_and_claims_in_order()
    {
        // Arrange
        using var device = Provisioned();
        device.Clock.Advance(TimeSpan.FromSeconds(10));
        var exp = device.Now + 1234;

        // Act
        var token = TokenOf(device.LoginResponse("logger:get", TestDevice.User, exp));

        // Assert
        var segments = token.Split('.');
        segments.Should().HaveCount(3);
        segments.Should().AllSatisfy(s => s.Should().MatchRegex("^[A-Za-z0-9_-]+$"));
        Encoding.UTF8.GetString(JwtText.Decode(segments[0])).Should().Be("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
        JwtText.Decode(segments[2]).Should().HaveCount(32);
        var payload = JwtText.Payload(token);
        payload.Select(p => p.Key).Should().Equal("scope", "sub", "iat", "exp", "jti");
        payload["scope"]!.GetValue<string>().Should().Be("logger:get");
        payload["sub"]!.GetValue<string>().Should().Be("U");
        payload["iat"]!.GetValue<long>().Should().Be(device.Now);
        payload["exp"]!.GetValue<long>().Should().Be(exp);
        var jti = Convert.FromBase64String(payload["jti"]!.GetValue<string>());
        jti.Should().HaveCount(32);
        BinaryPrimitives.ReadUInt32LittleEndian(jti).Should().Be((uint)device.Now);
    }

    [TestMethod]
    public void Token_expiry_is_iat_plus_8_hours_when_the_proof_exp_is_0()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var token = TokenOf(device.LoginResponse("logger:get", TestDevice.User, exp: 0));

        // Assert
        var payload = JwtText.Payload(token);
        payload["exp"]!.GetValue<long>().Should().Be(payload["iat"]!.GetValue<long>() + 28800);
    }

    [TestMethod]
    public void Token_expiry_is_iat_plus_8_hours_when_the_proof_has_no_exp()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var token = TokenOf(device.LoginResponse("logger:get", TestDevice.User, tamper: b => b.Payload.Remove("exp")));

        // Assert
        var payload = JwtText.Payload(token);
        payload["exp"]!.GetValue<long>().Should().Be(device.Now + 28800);
    }

    [TestMethod]
    public void Token_carries_a_ctx_of_63_characters_as_its_last_claim()
    {
        // Arrange
        using var device = Provisioned();
        var ctx = new string('c', 63);

        // Act
        var token = TokenOf(device.LoginResponse("logger:get", TestDevice.User, tamper: b => b.Payload["ctx"] = ctx));

        // Assert
        var payload = JwtText.Payload(token);
        payload.Select(p => p.Key).Should().Equal("scope", "sub", "iat", "exp", "jti", "ctx");
        payload["ctx"]!.GetValue<string>().Should().Be(ctx);
    }

    [TestMethod]
    public void Token_has_an_empty_scope_when_the_proof_has_none()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var token = TokenOf(device.LoginResponse("logger:get", TestDevice.User, tamper: b => b.Payload.Remove("scope")));

        // Assert
        JwtText.Payload(token)["scope"]!.GetValue<string>().Should().BeEmpty();
    }

    [TestMethod]
    public void Token_is_accepted_by_the_device_until_it_expires()
    {
        // Arrange
        using var device = Provisioned();
        var token = TokenOf(device.LoginResponse("logger:get", TestDevice.User, device.Now + 100));

        // Act
        var live = device.Get("/api/system/status", token).Status;
        device.Clock.Advance(TimeSpan.FromSeconds(100));
        var expired = device.Get("/api/system/status", token).Status;

        // Assert
        live.Should().Be(200);
        expired.Should().Be(401);
    }

    [TestMethod]
    [DataRow("user", "U")]
    [DataRow("master", "M")]
    public void Login_logs_auth_success_with_the_role_and_the_scope(string who, string subject)
    {
        // Arrange
        using var device = Provisioned();
        var linesBefore = device.AuditLines().Count;

        // Act
        TokenOf(device.LoginResponse("system:config", who == "user" ? TestDevice.User : TestDevice.Master));

        // Assert
        var lines = device.AuditLines();
        lines.Should().HaveCount(linesBefore + 1);
        lines[^1].Type.Should().Be(AuthSuccessInternal);
        lines[^1].Result.Should().Be(0);
        lines[^1].Subject.Should().Be(subject);
        lines[^1].Data.Should().Be(AuditLogVerifier.EncodeB64Url("system:config"u8));
    }

    [TestMethod]
    public void Login_for_a_key_use_scope_also_logs_key_usage_with_the_kid()
    {
        // Arrange
        using var device = Provisioned();
        const string kid = "00112233445566778899aabbccddeeff";
        var linesBefore = device.AuditLines().Count;

        // Act
        TokenOf(device.LoginResponse("keymgmt:use:" + kid, TestDevice.User));

        // Assert
        var lines = device.AuditLines();
        lines.Should().HaveCount(linesBefore + 2);
        lines[^2].Type.Should().Be(AuthSuccessInternal);
        lines[^2].DataBytes.Should().Equal(Encoding.ASCII.GetBytes("keymgmt:use:" + kid));
        lines[^1].Type.Should().Be(KeyUsagePkey);
        lines[^1].Result.Should().Be(0);
        lines[^1].Subject.Should().Be("U");
        lines[^1].DataBytes.Should().Equal(Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("keymgmt:use:")]
    [DataRow("keymgmt:use:0011")]
    [DataRow("keymgmt:gen")]
    public void Login_for_a_scope_without_a_kid_logs_no_key_usage(string scope)
    {
        // Arrange
        using var device = Provisioned();
        var linesBefore = device.AuditLines().Count;

        // Act
        TokenOf(device.LoginResponse(scope, TestDevice.User));

        // Assert
        device.AuditLines().Should().HaveCount(linesBefore + 1);
        device.LastAuditLine().Type.Should().Be(AuthSuccessInternal);
    }
}
