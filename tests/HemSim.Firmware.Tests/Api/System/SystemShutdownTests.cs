using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>S17 <c>GET /api/system/shutdown</c> through the pipeline: access, reply and audit (spec §11.17).</summary>
[TestClass]
public sealed class SystemShutdownTests
{
    private const string Path = "/api/system/shutdown";
    private const int KeyInit = 0x0, Startup = 0x1, Shutdown = 0x3, SelftestPassed = 0x7, FailedScopeCheck = 0xc;

    private static TestDevice Provisioned()
    {
        var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        return device;
    }

    [TestMethod]
    public void Shutdown_of_a_fresh_device_still_needs_a_token()
    {
        // Arrange: unlike reboot and selftest, shutdown has no "fresh: none" rule (spec §11.17).
        using var device = new TestDevice();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Get(Path, tls: false);

        // Assert
        response.Status.Should().Be(401);
        response.Flags.Should().NotHaveFlag(ResponseFlags.ShutdownAfterReply);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Shutdown_of_an_initialised_device_answers_401_without_a_token()
    {
        using var device = Provisioned();
        var before = DeviceSnapshot.Take(device);

        var response = device.Get(Path);

        response.Status.Should().Be(401);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("system:config")]
    [DataRow("system:shutdown")]
    [DataRow("system:shutdown:now")]
    public void Shutdown_accepts_both_documented_scope_prefixes(string scope)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login(scope);

        // Act
        var response = device.Get(Path, token, tls: false);

        // Assert: 200, empty, the connection closes and the device stops after the reply.
        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
        response.Flags.Should().Be(ResponseFlags.CloseConnection | ResponseFlags.ShutdownAfterReply);
    }

    [TestMethod]
    public void Shutdown_accepts_a_master_token()
    {
        using var device = Provisioned();

        var response = device.Get(Path, device.Login("system:shutdown", TestDevice.Master));

        response.Status.Should().Be(200);
        device.LastAuditLine().Subject.Should().Be("M");
    }

    [TestMethod]
    [DataRow("system:upgrade")]
    [DataRow("system:reboot")]
    [DataRow("system:shut")]
    [DataRow("keymgmt:gen")]
    public void Shutdown_answers_403_and_logs_a_failed_scope_check_for_another_scope(string scope)
    {
        // Arrange: system:upgrade may reboot but not shut down (spec §5.4 catalogue).
        using var device = Provisioned();
        var token = device.Login(scope);
        var linesBefore = device.AuditLines().Count;
        var slotsBefore = device.Core.Flash.ReadSlots().Count;

        // Act
        var response = device.Get(Path, token);

        // Assert
        response.Status.Should().Be(403);
        response.Flags.Should().NotHaveFlag(ResponseFlags.ShutdownAfterReply);
        var added = device.AuditLines().Skip(linesBefore).ToList();
        added.Should().ContainSingle();
        added[0].Type.Should().Be(FailedScopeCheck);
        added[0].Result.Should().Be(1);
        added[0].DataBytes.Should().Equal(global::System.Text.Encoding.ASCII.GetBytes(scope));
        device.Core.Flash.ReadSlots().Should().HaveCount(slotsBefore);
    }

    [TestMethod]
    public void Shutdown_logs_SHUTDOWN_OK_with_the_callers_role()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:shutdown");
        var linesBefore = device.AuditLines().Count;

        // Act
        device.Get(Path, token).Status.Should().Be(200);

        // Assert
        var added = device.AuditLines().Skip(linesBefore).ToList();
        added.Select(l => (l.Type, l.Result, l.Subject, l.Data)).Should().Equal((Shutdown, 0, "U", ""));
    }

    [TestMethod]
    public void Power_up_after_shutdown_is_a_new_boot_with_a_fresh_audit_file()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:shutdown");
        var previousFile = device.Core.Boot.AuditLog.FileId;
        device.Get(Path, token).Status.Should().Be(200);
        device.Core.ShutDown();
        device.Clock.Advance(TimeSpan.FromSeconds(5));

        // Act
        device.Core.PowerUp();

        // Assert: SHUTDOWN is the last line of the old file; the new one starts as every boot does.
        device.Core.IsPoweredOn.Should().BeTrue();
        AuditLine.ParseAll(device.Core.Flash.ReadLogFile(previousFile))[^1].Type.Should().Be(Shutdown);
        device.Core.Boot.AuditLog.FileId.Should().NotBe(previousFile);
        device.AuditLines().Select(l => (l.Type, l.Result)).Should().Equal((KeyInit, 0), (Startup, 0), (SelftestPassed, 0));
        device.Get("/api/system/status", token).Status.Should().Be(401, "tokens die with the boot");
        TestDevice.Json(device.Get("/api/system/status"))["uptime"]!.GetValue<long>().Should().Be(0);
    }

    [TestMethod]
    public void Power_up_of_a_device_that_is_on_is_refused()
    {
        using var device = new TestDevice();

        var act = () => device.Core.PowerUp();

        act.Should().Throw<InvalidOperationException>();
        device.Core.BootCount.Should().Be(1);
    }

    [TestMethod]
    public void Shut_down_device_is_not_powered_on_and_a_power_up_clears_a_latched_fault()
    {
        // Arrange
        using var device = Provisioned();
        device.Core.LatchFault(0x02);

        // Act
        device.Core.ShutDown();
        var offState = device.Core.IsPoweredOn;
        device.Core.PowerUp();

        // Assert
        offState.Should().BeFalse();
        device.Core.Boot.FaultState.Should().Be(0);
        device.Core.BootCount.Should().Be(2);
    }
}
