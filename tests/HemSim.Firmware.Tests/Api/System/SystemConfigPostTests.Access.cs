using System.Text;
using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.System.SystemConfigRig;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>POST /api/system/config: tokens, roles, faults and the fresh-device mode (spec §11.6 (a)).</summary>
public sealed partial class SystemConfigPostTests
{
    [TestMethod]
    public void Post_on_an_initialised_device_answers_401_without_a_token()
    {
        // Arrange
        using var device = Provisioned();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post(ConfigPath, """{"user":"x"}""");

        // Assert
        response.Status.Should().Be(401);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("system:reboot")]
    [DataRow("logger:get")]
    [DataRow("auth:ext:pair")]
    public void Post_answers_403_and_logs_a_failed_scope_check_for_another_scope(string scope)
    {
        // Arrange: GET accepts logger:get and auth:ext:pair; POST does not.
        using var device = Provisioned();
        var token = device.Login(scope);
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post(ConfigPath, """{"user":"x"}""", token);

        // Assert
        response.Status.Should().Be(403);
        response.Body.Should().BeEmpty();
        var after = DeviceSnapshot.Take(device);
        after.Config.Should().Be(before.Config);
        after.AuditLines.Should().HaveCount(before.AuditLines.Count + 1);
        var line = device.LastAuditLine();
        (line.Type, line.Result, line.Subject).Should().Be((FailedScopeCheck, 1, "U"));
        line.DataBytes.Should().Equal(Encoding.ASCII.GetBytes(scope));
    }

    [TestMethod]
    public void Post_answers_403_to_an_external_app_for_an_ordinary_change()
    {
        // Arrange: spec §5.3, external apps may only read the configuration.
        using var device = Provisioned();
        var token = ExternalToken(device, "system:config");
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post(ConfigPath, """{"user":"x"}""", token);

        // Assert
        response.Status.Should().Be(403);
        device.Core.Config!.User.Should().Be("Test User");
        DeviceSnapshot.Take(device).AuditLines.Should().HaveCount(before.AuditLines.Count + 1);
        (device.LastAuditLine().Type, device.LastAuditLine().Result).Should().Be((FailedScopeCheck, 1));
    }

    [TestMethod]
    [DataRow("""{"wipeout":true}""")]
    [DataRow("""{"userkey":"x"}""")]
    public void Post_answers_406_to_an_external_app_for_wipeout_or_rotation(string body)
    {
        // Arrange: §22 #23, U and M only; the refusal is logged as CONFIG_UPDATED / FAILED.
        using var device = Provisioned();
        var token = ExternalToken(device, "system:config");
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post(ConfigPath, body, token);

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        device.Core.IsInitialised.Should().BeTrue();
        var after = DeviceSnapshot.Take(device);
        after.Config.Should().Be(before.Config);
        after.AuditLines.Should().HaveCount(before.AuditLines.Count + 1);
        var line = device.LastAuditLine();
        (line.Type, line.Result).Should().Be((ConfigUpdated, 1));
        line.Subject.Should().Be(AuditLogVerifier.EncodeB64Url(Convert.FromHexString("42afc419dbda72636b37a2455955e095")));
    }

    [TestMethod]
    public void Post_answers_409_while_a_fault_is_latched()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        device.Core.LatchFault(0x08);
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post(ConfigPath, """{"user":"x"}""", token);

        // Assert
        response.Status.Should().Be(409);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Post_on_a_fresh_device_answers_406_without_tls_and_logs_a_failure()
    {
        // Arrange
        using var device = new TestDevice();
        var lines = device.AuditLines().Count;

        // Act
        var response = device.Post(ConfigPath, """{"user":"x"}""", tls: false);

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        device.Core.IsInitialised.Should().BeFalse();
        device.AuditLines().Should().HaveCount(lines + 1);
        (device.LastAuditLine().Type, device.LastAuditLine().Result, device.LastAuditLine().Subject).Should().Be((ConfigUpdated, 1, ""));
    }

    [TestMethod]
    [DataRow("""{"tls":"crt"}""")]
    [DataRow("""{"tls":{}}""")]
    [DataRow("{\"tls\":")]
    public void Post_on_a_fresh_device_answers_400_for_a_tls_that_cannot_be_installed(string body)
    {
        // Arrange
        using var device = new TestDevice();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post(ConfigPath, body, tls: false);

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Post_on_a_fresh_device_answers_409_while_a_fault_is_latched()
    {
        // Arrange
        using var device = new TestDevice();
        device.Core.LatchFault(0x04);

        // Act
        var response = device.Post(ConfigPath, """{"tls":{"crt":"AA=="}}""", tls: false);

        // Assert
        response.Status.Should().Be(409);
    }
}
