using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.System.SystemConfigRig;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>POST /api/system/config: <c>wipeout</c> (spec §4 wipe, §11.6, §22 #30).</summary>
public sealed partial class SystemConfigPostTests
{
    [TestMethod]
    [DataRow("U")]
    [DataRow("M")]
    public void Wipeout_answers_200_empty_then_reboots_into_a_fresh_device(string role)
    {
        // Arrange
        using var device = Provisioned();
        device.Post("/api/keymgmt/create", new { label = "gone", type = "ED25519" }, device.Login("keymgmt:gen")).Status.Should().Be(200);
        var token = device.Login("system:config", role == "U" ? TestDevice.User : TestDevice.Master);

        // Act
        var response = device.Post(ConfigPath, """{"wipeout":true}""", token, tls: false);

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
        response.Flags.Should().HaveFlag(ResponseFlags.RebootAfterReply).And.HaveFlag(ResponseFlags.CloseConnection);
        device.Core.BootCount.Should().Be(2);
        device.Core.IsInitialised.Should().BeFalse();
        device.Core.Keys.Valid.Should().BeEmpty();
        TestDevice.Json(device.Get("/api/system/status"))["inited"]!.GetValue<bool>().Should().BeFalse();
        device.Get("/api/system/status", token).Status.Should().Be(401);
    }

    [TestMethod]
    public void Wipeout_regenerates_the_identity_keys_but_keeps_the_serial()
    {
        // Arrange
        using var device = Provisioned();
        var eid = device.Core.Identity.EidPublic;
        var sign = device.Core.Identity.SignPublic;
        var devId = device.Core.Identity.DevId;

        // Act
        device.Post(ConfigPath, """{"wipeout":true}""", device.Login("system:config")).Status.Should().Be(200);

        // Assert
        device.Core.Identity.EidPublic.Should().NotEqual(eid);
        device.Core.Identity.SignPublic.Should().NotEqual(sign);
        device.Core.Identity.DevId.Should().Equal(devId, "devid is the hardware serial (spec §11.5)");
        device.Provision().Status.Should().Be(200);
    }

    [TestMethod]
    public void Wipeout_logs_CONFIG_UPDATED_as_the_last_line_of_the_previous_file()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        var previousFile = device.Core.Boot.AuditLog.FileId;

        // Act
        device.Post(ConfigPath, """{"wipeout":true}""", token).Status.Should().Be(200);

        // Assert: the audit log survives the wipe.
        var last = AuditLine.ParseAll(device.Core.Flash.ReadLogFile(previousFile))[^1];
        (last.Type, last.Result, last.Subject).Should().Be((ConfigUpdated, 0, "U"));
        device.Core.Flash.ListLogFiles().Should().Contain(previousFile);
    }

    [TestMethod]
    public void Wipeout_is_not_done_when_another_field_is_invalid()
    {
        // Arrange: every field is validated before anything happens.
        using var device = Provisioned();
        var token = device.Login("system:config");

        // Act
        var response = device.Post(ConfigPath, """{"wipeout":true,"http_option_dosprot_mode":9}""", token);

        // Assert
        response.Status.Should().Be(400);
        response.Flags.Should().NotHaveFlag(ResponseFlags.RebootAfterReply);
        device.Core.IsInitialised.Should().BeTrue();
        device.Core.BootCount.Should().Be(1);
    }
}
