using FluentAssertions;
using HemSim.Authenticator;
using HemSim.Firmware.Tests.Api.System;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Auth.ExtRig;

namespace HemSim.Firmware.Tests.Api.Auth;

/// <summary>
/// A token from an app is refused where the spec refuses role external (spec §5.3, §22 #23; docs/EXTERNAL-AUTH.md
/// §4 end): ext pairing 403, wipeout and user-key rotation 406, other configuration changes 403 — also for a body
/// that does not parse, since the role is refused before the body (§3.3).
/// </summary>
[TestClass]
public sealed class ExtRoleTests
{
    private static (TestDevice Device, string Token) WithAppToken(string scope)
    {
        var device = Provisioned();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        Pair(device, app);
        return (device, ExternalLogin(device, app, scope));
    }

    [TestMethod]
    [DataRow(InitPath)]
    [DataRow(MacPath)]
    [DataRow(ValidatePath)]
    public void App_token_is_refused_on_the_pairing_endpoints(string path)
    {
        // Arrange
        var (device, token) = WithAppToken("auth:ext:pair");
        using var _ = device;

        // Act
        var response = device.Post(path, new { epk = Epk }, token, tls: false);

        // Assert
        response.Status.Should().Be(403);
        (device.LastAuditLine().Type, device.LastAuditLine().Result).Should().Be((FailedScopeCheck, 1));
    }

    [TestMethod]
    [DataRow("""{"wipeout":true}""")]
    [DataRow("""{"userkey":"x","userkey_hmac":"y","userkey_nonce":"z"}""")]
    public void App_token_gets_406_for_wipeout_and_rotation(string body)
    {
        // Arrange
        var (device, token) = WithAppToken("system:config");
        using var _ = device;
        var config = DeviceSnapshot.Take(device).Config;

        // Act
        var response = device.Post("/api/system/config", body, token, tls: false);

        // Assert
        response.Status.Should().Be(406);
        device.Core.IsInitialised.Should().BeTrue();
        DeviceSnapshot.Take(device).Config.Should().Be(config);
    }

    [TestMethod]
    [DataRow("""{"user":"x"}""")]
    [DataRow("""{"wipeout":false}""")]
    [DataRow("{\"user\":")]
    [DataRow("[1]")]
    [DataRow("")]
    public void App_token_gets_403_for_any_other_config_post_even_a_malformed_one(string body)
    {
        // Arrange
        var (device, token) = WithAppToken("system:config");
        using var _ = device;
        var lines = device.AuditLines().Count;

        // Act
        var response = device.Post("/api/system/config", body, token, tls: false);

        // Assert
        response.Status.Should().Be(403);
        response.Body.Should().BeEmpty();
        device.AuditLines().Should().HaveCount(lines + 1);
        (device.LastAuditLine().Type, device.LastAuditLine().Result).Should().Be((FailedScopeCheck, 1));
    }

    [TestMethod]
    public void User_token_still_gets_400_for_a_malformed_config_post()
    {
        // Arrange: only the external role is refused before the body.
        using var device = Provisioned();

        // Act
        var response = device.Post("/api/system/config", "{\"user\":", device.Login("system:config"), tls: false);

        // Assert
        response.Status.Should().Be(400);
    }

    [TestMethod]
    public void Malformed_config_post_from_an_app_with_another_scope_is_a_scope_refusal()
    {
        // Arrange: the scope check (step 7) comes first anyway.
        var (device, token) = WithAppToken("logger:get");
        using var _ = device;

        // Act
        var response = device.Post("/api/system/config", "{", token, tls: false);

        // Assert
        response.Status.Should().Be(403);
    }

    [TestMethod]
    public void Minted_external_token_is_refused_on_a_malformed_config_post()
    {
        // Arrange: the known bug of issue #8 (400 before the role), with the rig's hand-minted token.
        using var device = Provisioned();
        var token = SystemConfigRig.ExternalToken(device, "system:config");

        // Act
        var response = device.Post("/api/system/config", "not json", token, tls: false);

        // Assert
        response.Status.Should().Be(403);
    }
}
