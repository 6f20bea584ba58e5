using System.Text;
using FluentAssertions;
using HemSim.Firmware.Auth;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Auth;

[TestClass]
public sealed class BearerTokenTests
{
    private static readonly byte[] Key = Enumerable.Repeat((byte)7, 32).ToArray();
    private const long Now = 1_764_000_000;

    private static TokenClaims Claims(string? ctx = null) =>
        new("keymgmt:gen", "U", Now, Now + 100, "1YU4YpnVy5rXauwxT2IXRX91hTCxaUEtGdOBK25zA40=", ctx);

    [TestMethod]
    public void Bearer_token_has_the_fixed_header_and_claim_order()
    {
        // Act
        var token = BearerToken.Mint(Claims(), Key);

        // Assert: spec §5.1.
        var parts = token.Split('.');
        Encoding.UTF8.GetString(JwtText.Decode(parts[0])).Should().Be("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
        Encoding.UTF8.GetString(JwtText.Decode(parts[1])).Should().Be(
            "{\"scope\":\"keymgmt:gen\",\"sub\":\"U\",\"iat\":1764000000,\"exp\":1764000100,\"jti\":\"1YU4YpnVy5rXauwxT2IXRX91hTCxaUEtGdOBK25zA40=\"}");
        token.Should().NotContain("=");
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("ctx value")]
    public void Bearer_token_round_trips_its_claims(string? ctx)
    {
        // Arrange
        var token = BearerToken.Mint(Claims(ctx), Key);

        // Act
        var valid = BearerToken.TryValidate("Bearer " + token, Key, Now, out var claims);

        // Assert
        valid.Should().BeTrue();
        claims.Should().Be(Claims(ctx));
        claims!.Role.Should().Be(Role.User);
    }

    [TestMethod]
    [DataRow(99, true)]
    [DataRow(100, false)]
    [DataRow(101, false)]
    public void Bearer_token_is_valid_until_exp(int elapsed, bool valid)
    {
        // Arrange
        var token = BearerToken.Mint(Claims(), Key);

        // Act
        var result = BearerToken.TryValidate("Bearer " + token, Key, Now + elapsed, out _);

        // Assert
        result.Should().Be(valid);
    }

    [TestMethod]
    [DataRow("wrong-key")]
    [DataRow("no-scheme")]
    [DataRow("basic")]
    [DataRow("altered")]
    [DataRow("missing-sub")]
    public void Bearer_token_is_refused_when_malformed_or_not_ours(string kind)
    {
        // Arrange
        var token = BearerToken.Mint(Claims(), Key);
        var header = kind switch
        {
            "wrong-key" => "Bearer " + BearerToken.Mint(Claims(), new byte[32]),
            "no-scheme" => token,
            "basic" => "Basic " + token,
            "altered" => "Bearer " + JwtText.WithPayload(token, JwtText.Payload(token).ToJsonString().Replace("\"U\"", "\"M\"", StringComparison.Ordinal)),
            _ => "Bearer " + Jwt.SignHs256("{\"typ\":\"JWT\",\"alg\":\"HS256\"}"u8,
                "{\"scope\":\"x\",\"iat\":1,\"exp\":9999999999,\"jti\":\"a\"}"u8, Key),
        };

        // Act
        var valid = BearerToken.TryValidate(header, Key, Now, out var claims);

        // Assert
        valid.Should().BeFalse();
        claims.Should().BeNull();
    }

    [TestMethod]
    [DataRow("U", (int)Role.User)]
    [DataRow("M", (int)Role.Master)]
    [DataRow("Qq/EGdvacmNrN6JFWVXglQ==", (int)Role.External)]
    public void Bearer_token_subject_names_the_role(string subject, int role)
    {
        // Act
        var claims = Claims() with { Subject = subject };

        // Assert
        claims.Role.Should().Be((Role)role);
    }
}
