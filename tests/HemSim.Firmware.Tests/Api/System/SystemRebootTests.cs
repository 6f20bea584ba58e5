using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.System;

[TestClass]
public sealed class SystemRebootTests
{
    private const int KeyInit = 0x0, Startup = 0x1, Reboot = 0x2, SelftestPassed = 0x7, FailedScopeCheck = 0xc;

    private static TestDevice Provisioned()
    {
        var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        return device;
    }

    [TestMethod]
    public void Reboot_of_a_fresh_device_needs_no_token()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = device.Get("/api/system/reboot", tls: false);

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
        response.Flags.Should().HaveFlag(ResponseFlags.RebootAfterReply).And.HaveFlag(ResponseFlags.CloseConnection);
        device.Core.BootCount.Should().Be(2);
    }

    [TestMethod]
    public void Reboot_of_an_initialised_device_answers_401_without_a_token()
    {
        // Arrange
        using var device = Provisioned();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Get("/api/system/reboot");

        // Assert
        response.Status.Should().Be(401);
        response.Flags.Should().NotHaveFlag(ResponseFlags.RebootAfterReply);
        device.Core.BootCount.Should().Be(1);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("system:config")]
    [DataRow("system:upgrade")]
    [DataRow("system:shutdown")]
    [DataRow("system:config:extra")]
    public void Reboot_accepts_every_documented_scope_prefix(string scope)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login(scope);

        // Act
        var response = device.Get("/api/system/reboot", token, tls: false);

        // Assert
        response.Status.Should().Be(200);
        response.Flags.Should().HaveFlag(ResponseFlags.RebootAfterReply);
        device.Core.BootCount.Should().Be(2);
    }

    [TestMethod]
    public void Reboot_accepts_a_master_token()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config", TestDevice.Master);

        // Act
        var response = device.Get("/api/system/reboot", token);

        // Assert
        response.Status.Should().Be(200);
        device.Core.BootCount.Should().Be(2);
    }

    [TestMethod]
    [DataRow("system:reboot")]
    [DataRow("system:conf")]
    [DataRow("keymgmt:gen")]
    [DataRow("")]
    public void Reboot_answers_403_and_logs_a_failed_scope_check_for_another_scope(string scope)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login(scope);
        var linesBefore = device.AuditLines().Count;

        // Act
        var response = device.Get("/api/system/reboot", token);

        // Assert
        response.Status.Should().Be(403);
        response.Body.Should().BeEmpty();
        device.Core.BootCount.Should().Be(1);
        var lines = device.AuditLines();
        lines.Should().HaveCount(linesBefore + 1);
        lines[^1].Type.Should().Be(FailedScopeCheck);
        lines[^1].Result.Should().Be(1);
        lines[^1].Subject.Should().Be("U");
        lines[^1].DataBytes.Should().Equal(global::System.Text.Encoding.ASCII.GetBytes(scope));
    }

    [TestMethod]
    public void Reboot_logs_REBOOT_as_the_last_line_of_the_previous_file()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        var previousFile = device.Core.Boot.AuditLog.FileId;

        // Act
        device.Get("/api/system/reboot", token).Status.Should().Be(200);

        // Assert
        var last = AuditLine.ParseAll(device.Core.Flash.ReadLogFile(previousFile))[^1];
        last.Type.Should().Be(Reboot);
        last.Result.Should().Be(0);
        last.Subject.Should().Be("U");
    }

    [TestMethod]
    public void Reboot_starts_a_new_audit_file_with_key_init_startup_and_selftest()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        var previousFile = device.Core.Boot.AuditLog.FileId;

        // Act
        device.Get("/api/system/reboot", token).Status.Should().Be(200);

        // Assert
        device.Core.Boot.AuditLog.FileId.Should().NotBe(previousFile);
        device.Core.Flash.ListLogFiles().Should().Equal(previousFile, device.Core.Boot.AuditLog.FileId);
        var lines = device.AuditLines();
        lines.Select(l => (l.Sequence, l.Type, l.Result)).Should().Equal(
            (0L, KeyInit, 0), (1L, Startup, 0), (2L, SelftestPassed, 0));
    }

    [TestMethod]
    public void Reboot_invalidates_tokens_of_the_previous_boot()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        var other = device.Login("logger:get");

        // Act
        device.Get("/api/system/reboot", token).Status.Should().Be(200);

        // Assert
        device.Get("/api/system/status", other).Status.Should().Be(401);
        device.Get("/api/system/status", token).Status.Should().Be(401);
    }

    [TestMethod]
    public void Reboot_changes_the_session_key()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        var spkBefore = TestDevice.Json(device.Get("/api/auth/token"))["spk"]!.GetValue<string>();

        // Act
        device.Get("/api/system/reboot", token).Status.Should().Be(200);

        // Assert
        var spkAfter = TestDevice.Json(device.Get("/api/auth/token"))["spk"]!.GetValue<string>();
        spkAfter.Should().NotBe(spkBefore);
    }

    [TestMethod]
    public void Reboot_forgets_outstanding_login_challenges()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        var oldJti = TestDevice.Json(device.Get("/api/auth/token"))["jti"]!.GetValue<string>();
        device.Get("/api/system/reboot", token).Status.Should().Be(200);
        var spk = TestDevice.Json(device.Get("/api/auth/token"))["spk"]!.GetValue<string>();

        // Act: a proof that is right for the new boot in every way but its nonce.
        var proof = ProofBuilder.ForChallenge(oldJti, spk, device.Now + 3600, device.Now, TestDevice.User, "logger:get")
            .Sign(TestDevice.User.Agree(spk));
        var response = device.Post("/api/auth/token", new { auth = proof });

        // Assert
        response.Status.Should().Be(401);
    }

    [TestMethod]
    public void Reboot_clears_a_latched_fault()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        device.Core.Boot.FaultState = 0x08;

        // Act
        var response = device.Get("/api/system/reboot", token);

        // Assert
        response.Status.Should().Be(200);
        device.Core.Boot.FaultState.Should().Be(0);
        TestDevice.Json(device.Get("/api/system/status"))["fls_state"]!.GetValue<int>().Should().Be(0);
    }

    [TestMethod]
    public void Reboot_keeps_keys_configuration_and_identity()
    {
        // Arrange
        using var device = Provisioned();
        var kid = TestDevice.Json(device.Post("/api/keymgmt/create", new { label = "kept", type = "ED25519" }, device.Login("keymgmt:gen")))["kid"]!
            .GetValue<string>();
        var instanceId = device.Core.Config!.InstanceId;
        var eid = device.Core.Identity.EidPublic;

        // Act
        device.Get("/api/system/reboot", device.Login("system:config")).Status.Should().Be(200);

        // Assert
        device.Core.Keys.Valid.Select(r => Convert.ToHexStringLower(r.Kid)).Should().Equal(kid);
        device.Core.Config!.InstanceId.Should().Be(instanceId);
        device.Core.Identity.EidPublic.Should().Equal(eid);
        device.Login("keymgmt:gen").Should().NotBeEmpty();
    }

    [TestMethod]
    public void Reboot_leaves_an_rtc_that_is_not_preset_unset()
    {
        // Arrange
        using var device = new TestDevice(clock: new FakeClock(TestDevice.StartTime, keepTimeOnReset: false));
        device.Provision().Status.Should().Be(200);

        // Act
        device.Get("/api/system/reboot", device.Login("system:config")).Status.Should().Be(200);

        // Assert: spec §4, the RTC is unset after each boot until a check-in.
        var status = TestDevice.Json(device.Get("/api/system/status"));
        status.ContainsKey("ts").Should().BeFalse();
        status.ContainsKey("time").Should().BeFalse();
    }

    [TestMethod]
    public void Reboot_answers_200_while_a_fault_is_latched_on_a_fresh_device()
    {
        // Arrange
        using var device = new TestDevice();
        device.Core.Boot.FaultState = 0x02;

        // Act
        var response = device.Get("/api/system/reboot");

        // Assert
        response.Status.Should().Be(200);
        device.Core.Boot.FaultState.Should().Be(0);
    }
}
