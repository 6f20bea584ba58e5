using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Tests.Api.System;
using HemSim.Firmware.Upgrade;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Upgrade.UpgradeRig;

namespace HemSim.Firmware.Tests.Api.Upgrade;

/// <summary>The check-in action U (spec §8.3): install the staged, verified firmware as install_fw does.</summary>
[TestClass]
public sealed class UpgradeCheckinTests
{
    private const long BackendTime = 1_800_000_000;
    private const int RtcSet = 0x13;

    private static (TestDevice Device, string Token) Trusted()
    {
        var device = new TestDevice();
        device.Provision(cfg => cfg["trusted_backend"] = true).Status.Should().Be(200);
        return (device, device.Login("system:upgrade"));
    }

    private static ApiResponse CheckInU(TestDevice device) =>
        device.Post("/api/system/checkin",
            new { @checked = SystemCheckinBackend.Published.CheckIn(device, "U", BackendTime) }, tls: false);

    [TestMethod]
    public void Action_u_installs_the_verified_firmware_and_reboots_into_it()
    {
        // Arrange
        var (device, token) = Trusted();
        using var _1 = device;
        var image = FirmwareImage();
        SignedImage.TryParse(image, out var parsed, out _);
        UploadFw(device, image, token);
        CheckToEnd(device, CheckFwPath, token).Should().Be(200);

        // Act
        var response = CheckInU(device);

        // Assert
        response.Status.Should().Be(200);
        response.Flags.Should().HaveFlag(ResponseFlags.RebootAfterReply);
        var oldFile = device.Core.Flash.ListLogFiles()[^2];
        AuditLine.ParseAll(device.Core.Flash.ReadLogFile(oldFile)).TakeLast(2).Select(l => (l.Type, l.Result))
            .Should().Equal((RtcSet, Ok), (UpgradeEvent, Ok));
        VersionOf(device)["fwv"]!.GetValue<string>().Should().Be(NewVersion);
        VersionOf(device)["fws"]!.GetValue<string>().Should().Be(Convert.ToBase64String(parsed!.Signature));
        StatusOf(device)["fw_upgrade"]!.GetValue<bool>().Should().BeTrue();
    }

    [TestMethod]
    public void Action_u_logs_upgrade_error_and_changes_nothing_without_a_verified_image()
    {
        // Arrange: staged but not checked.
        var (device, token) = Trusted();
        using var _1 = device;
        UploadFw(device, FirmwareImage(), token);
        var version = VersionOf(device).ToJsonString();
        var lines = device.AuditLines().Count;

        // Act
        var response = CheckInU(device);

        // Assert
        response.Status.Should().Be(200);
        response.Flags.Should().NotHaveFlag(ResponseFlags.RebootAfterReply);
        LinesAfter(device, lines).Should().Equal((RtcSet, Ok), (UpgradeEvent, Error));
        device.Core.Flash.ReadBlob(InstalledFirmware.BlobName).Should().BeNull();
        VersionOf(device).ToJsonString().Should().Be(version);
    }

    [TestMethod]
    public void Check_in_token_repeats_the_installed_firmware_signature()
    {
        // Arrange
        var (device, token) = Trusted();
        using var _1 = device;
        var image = FirmwareImage();
        SignedImage.TryParse(image, out var parsed, out _);
        UploadFw(device, image, token);
        CheckToEnd(device, CheckFwPath, token);
        device.Get(InstallFwPath, token).Status.Should().Be(200);

        // Act
        var check = TestDevice.Json(device.Get("/api/system/checkin", tls: false))["check"]!.GetValue<string>();

        // Assert
        JwtText.Payload(check)["fws"]!.GetValue<string>().Should().Be(Convert.ToBase64String(parsed!.Signature));
    }
}
