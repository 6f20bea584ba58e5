using System.Text;
using FluentAssertions;
using HemSim.Firmware.Tests.Api.System;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Auth.ExtRig;

namespace HemSim.Firmware.Tests.Api.Auth;

/// <summary>POST /api/auth/ext/init (spec §10 A5, §9.1 step 3; docs/EXTERNAL-AUTH.md §3 step 2).</summary>
[TestClass]
public sealed class ExtInitTests
{
    [TestMethod]
    [DataRow("auth:ext:pair")]
    [DataRow("system:config")]
    public void Init_answers_a_request_signed_with_kreq_over_plain_http(string scope)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login(scope);

        // Act
        var response = device.Post(InitPath, new { epk = Epk }, token, tls: false);

        // Assert
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json.Select(p => p.Key).Should().Equal("request", "eid");
        json["eid"]!.GetValue<string>().Should().Be(Eid(device));
        var claims = VerifiedClaims(json["request"]!.GetValue<string>(), Kreq(device));
        claims.Select(p => p.Key).Should().Equal("jti", "exp", "aud", "iss");
        Convert.FromBase64String(claims["jti"]!.GetValue<string>()).Should().HaveCount(32);
        claims["exp"]!.GetValue<long>().Should().Be(device.Now + 86400);
        claims["aud"]!.GetValue<string>().Should().Be(Epk);
        claims["iss"]!.GetValue<string>().Should().Be(Eid(device));
    }

    [TestMethod]
    public void Init_echoes_the_epk_text_as_sent_in_aud()
    {
        // Arrange: url-safe, unpadded input is accepted (spec §3.8) and echoed unchanged.
        using var device = Provisioned();
        var epk = Epk.TrimEnd('=').Replace('+', '-').Replace('/', '_');

        // Act
        var response = device.Post(InitPath, new { epk }, PairToken(device), tls: false);

        // Assert
        response.Status.Should().Be(200);
        var claims = VerifiedClaims(TestDevice.Json(response)["request"]!.GetValue<string>(), Kreq(device));
        claims["aud"]!.GetValue<string>().Should().Be(epk);
    }

    [TestMethod]
    [DataRow("{}")]
    [DataRow("""{"epk":5}""")]
    [DataRow("""{"epk":"not base64!"}""")]
    [DataRow("""{"epk":"AAAA"}""")]
    [DataRow("""{"epk":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}""")]
    [DataRow("{\"epk\":")]
    public void Init_answers_400_for_an_epk_that_is_not_a_usable_x25519_key(string body)
    {
        // Arrange: the last key is 32 zero bytes, a low-order point with no shared secret.
        using var device = Provisioned();
        var token = PairToken(device);
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post(InitPath, body, token, tls: false);

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
        device.Core.Boot.External.Pairings.Count.Should().Be(0);
    }

    [TestMethod]
    public void Init_answers_401_without_a_token()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.Post(InitPath, new { epk = Epk }, tls: false);

        // Assert
        response.Status.Should().Be(401);
    }

    [TestMethod]
    [DataRow("master", "system:config")]
    [DataRow("user", "system:wrong")]
    [DataRow("user", "logger:get")]
    public void Init_answers_403_to_the_master_or_another_scope_and_logs_it(string who, string scope)
    {
        // Arrange: [T] test_3 (M → 403), test_5 (system:wrong → 403).
        using var device = Provisioned();
        var token = device.Login(scope, who == "master" ? TestDevice.Master : TestDevice.User);
        var lines = device.AuditLines().Count;

        // Act
        var response = device.Post(InitPath, "{\"epk\":", token, tls: false);

        // Assert: refused before the (malformed) body is read.
        response.Status.Should().Be(403);
        device.AuditLines().Should().HaveCount(lines + 1);
        var line = device.LastAuditLine();
        (line.Type, line.Result).Should().Be((FailedScopeCheck, 1));
        line.DataBytes.Should().Equal(Encoding.ASCII.GetBytes(scope));
    }

    [TestMethod]
    public void Init_answers_409_before_the_scope_check_while_a_fault_is_latched()
    {
        // Arrange: [T] test_5 subtest 3.
        using var device = Provisioned();
        var token = device.Login("system:wrong");
        device.Core.LatchFault(0x08);
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post(InitPath, new { epk = Epk }, token, tls: false);

        // Assert
        response.Status.Should().Be(409);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Init_remembers_at_most_16_pairing_nonces()
    {
        // Arrange
        using var device = Provisioned();
        var token = PairToken(device);

        // Act
        for (var i = 0; i < 20; i++)
        {
            Init(device, token);
        }

        // Assert
        device.Core.Boot.External.Pairings.Count.Should().Be(16);
    }

    [TestMethod]
    public void Init_is_refused_to_an_external_app()
    {
        // Arrange: spec §5.3, ext pairing is for role U only.
        using var device = Provisioned();
        var token = SystemConfigRig.ExternalToken(device, "system:config");

        // Act
        var response = device.Post(InitPath, new { epk = Epk }, token, tls: false);

        // Assert
        response.Status.Should().Be(403);
        (device.LastAuditLine().Type, device.LastAuditLine().Result).Should().Be((FailedScopeCheck, 1));
    }
}
