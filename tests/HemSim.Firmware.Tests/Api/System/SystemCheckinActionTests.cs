using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>S4 backend actions (spec §8.3 table): carried out only with config <c>trusted_backend</c> on.</summary>
[TestClass]
public sealed class SystemCheckinActionTests
{
    private const int Shutdown = 0x3, RtcSet = 0x13;
    private const long BackendTime = 1_800_000_000;

    private static TestDevice Provisioned(bool trustedBackend)
    {
        var device = new TestDevice();
        device.Provision(cfg => cfg["trusted_backend"] = trustedBackend).Status.Should().Be(200);
        return device;
    }

    private static ApiResponse CheckIn(TestDevice device, string letter) =>
        device.Post("/api/system/checkin",
            new { @checked = SystemCheckinBackend.Published.CheckIn(device, letter, BackendTime) }, tls: false);

    [TestMethod]
    [DataRow("OK", false)]
    [DataRow("L", false)]
    [DataRow("W", false)]
    [DataRow("R", false)]
    [DataRow("B", false)]
    [DataRow("U", false)]
    [DataRow("OK", true)]
    [DataRow("R", true)]
    public void Action_is_reported_and_only_the_rtc_changes_when_untrusted_or_without_effect(string letter, bool trustedBackend)
    {
        // Arrange: an untrusted backend's action is reported but not carried out; OK and R change nothing even when trusted
        using var device = Provisioned(trustedBackend);
        var config = device.Core.Flash.ReadBlob("config");
        var lines = device.AuditLines().Count;

        // Act
        var response = CheckIn(device, letter);

        // Assert
        response.Status.Should().Be(200);
        TestDevice.Json(response)["status"]!.GetValue<string>().Should().Be(letter);
        response.Flags.Should().NotHaveFlag(ResponseFlags.RebootAfterReply);
        device.Core.Boot.FaultState.Should().Be(0);
        device.Core.Flash.ReadBlob("config").Should().Equal(config);
        device.AuditLines().Skip(lines).Select(l => l.Type).Should().Equal(RtcSet);
        device.Login("system:config").Should().NotBeEmpty();
    }

    [TestMethod]
    public void Lock_erases_the_user_key_latches_0x40_and_logs_SHUTDOWN_when_trusted()
    {
        // Arrange
        using var device = Provisioned(trustedBackend: true);
        var uts = device.Core.Config!.Uts;
        var lines = device.AuditLines().Count;

        // Act
        var response = CheckIn(device, "L");

        // Assert
        response.Status.Should().Be(200);
        TestDevice.Json(response)["status"]!.GetValue<string>().Should().Be("L");
        device.Core.Boot.FaultState.Should().Be(0x40);
        TestDevice.Json(device.Get("/api/system/status"))["fls_state"]!.GetValue<int>().Should().Be(0x40);
        var added = device.AuditLines().Skip(lines).ToList();
        added.Select(l => (l.Type, l.Result)).Should().Equal((RtcSet, 0), (Shutdown, 0));
        device.Core.Config!.Uts.Should().BeGreaterThan(uts);
        device.Get("/api/auth/token").Status.Should().Be(409);

        // The user key stays erased after a reboot; the master key still logs in.
        device.Core.Reboot();
        device.LoginResponse("system:config", TestDevice.User).Status.Should().Be(401);
        device.Login("system:config", TestDevice.Master).Should().NotBeEmpty();
    }

    [TestMethod]
    public void Brick_latches_0x80_and_logs_SHUTDOWN_when_trusted()
    {
        // Arrange
        using var device = Provisioned(trustedBackend: true);
        var config = device.Core.Flash.ReadBlob("config");
        var lines = device.AuditLines().Count;

        // Act
        var response = CheckIn(device, "B");

        // Assert
        response.Status.Should().Be(200);
        TestDevice.Json(response)["status"]!.GetValue<string>().Should().Be("B");
        device.Core.Boot.FaultState.Should().Be(0x80);
        device.AuditLines().Skip(lines).Select(l => (l.Type, l.Result)).Should().Equal((RtcSet, 0), (Shutdown, 0));
        device.Core.Flash.ReadBlob("config").Should().Equal(config);
        device.Get("/api/auth/token").Status.Should().Be(409);
        device.Get("/api/system/status").Status.Should().Be(200);
    }

    [TestMethod]
    public void Wipe_erases_the_device_and_reboots_after_the_reply_when_trusted()
    {
        // Arrange
        using var device = Provisioned(trustedBackend: true);
        var eid = device.Core.Identity.EidPublic;

        // Act
        var response = CheckIn(device, "W");

        // Assert
        response.Status.Should().Be(200);
        TestDevice.Json(response)["status"]!.GetValue<string>().Should().Be("W");
        response.Flags.Should().HaveFlag(ResponseFlags.RebootAfterReply).And.HaveFlag(ResponseFlags.CloseConnection);
        device.Core.BootCount.Should().Be(2);
        device.Core.IsInitialised.Should().BeFalse();
        device.Core.Identity.EidPublic.Should().NotEqual(eid);
        TestDevice.Json(device.Get("/api/system/status")).ContainsKey("inited").Should().BeTrue();
    }

    [TestMethod]
    [DataRow("L")]
    [DataRow("W")]
    [DataRow("B")]
    public void Action_on_a_fresh_device_is_not_carried_out(string letter)
    {
        // Arrange: no configuration, so no trusted_backend.
        using var device = new TestDevice();

        // Act
        var response = CheckIn(device, letter);

        // Assert
        response.Status.Should().Be(200);
        TestDevice.Json(response)["status"]!.GetValue<string>().Should().Be(letter);
        response.Flags.Should().NotHaveFlag(ResponseFlags.RebootAfterReply);
        device.Core.Boot.FaultState.Should().Be(0);
        device.Core.BootCount.Should().Be(1);
    }
}
