using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Upgrade;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Upgrade.UpgradeRig;

namespace HemSim.Firmware.Tests.Api.Upgrade;

/// <summary>
/// upload_fw, check_fw, install_fw (spec §11.9–§11.11): what only firmware does (file names, size limit, DIAG flag, reboot).
/// What the dashboard endpoints do alike is in <see cref="UpgradeStagingTests"/>.
/// </summary>
[TestClass]
public sealed class UpgradeFirmwareTests
{
    [TestMethod]
    [DataRow("ui.bin")]
    [DataRow("Firmware.bin")]
    [DataRow("firmware.img")]
    [DataRow("webroot.tar")]
    public void Upload_fw_drops_the_connection_for_another_file_name(string fileName)
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        var before = Trace(device);

        // Act
        var response = UploadFw(device, FirmwareImage(), token, fileName);

        // Assert: QUIRK (spec §11.9): no HTTP response at all.
        response.Flags.Should().HaveFlag(ResponseFlags.DropConnection);
        Trace(device).Should().Be(before);
    }

    [TestMethod]
    public void Upload_fw_drops_the_connection_for_an_image_over_3_MiB()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        var before = Trace(device);

        // Act
        var response = UploadFw(device, new byte[(3 * 1024 * 1024) + 1], token);

        // Assert
        response.Flags.Should().HaveFlag(ResponseFlags.DropConnection);
        Trace(device).Should().Be(before);
    }

    [TestMethod]
    public void Upload_fw_accepts_an_image_of_exactly_3_MiB()
    {
        var (device, token) = Provisioned();
        using var _1 = device;

        var response = UploadFw(device, new byte[3 * 1024 * 1024], token);

        response.Status.Should().Be(200);
        response.Flags.Should().NotHaveFlag(ResponseFlags.DropConnection);
    }

    [TestMethod]
    public void Check_fw_answers_404_when_nothing_was_uploaded()
    {
        var (device, token) = Provisioned();
        using var _1 = device;
        var before = Trace(device);

        var response = device.Get(CheckFwPath, token);

        response.Status.Should().Be(404);
        response.Body.Should().BeEmpty();
        Trace(device).Should().Be(before);
    }

    [TestMethod]
    public void Check_fw_answers_201_then_406_for_an_image_that_fails()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        UploadFw(device, "an Intel-HEX image the simulator cannot verify"u8.ToArray(), token).Status.Should().Be(200);

        // Act / Assert
        device.Get(CheckFwPath, token).Status.Should().Be(201);
        device.Get(CheckFwPath, token).Status.Should().Be(202);
        device.Clock.Advance(UpgradeStaging.VerificationTime);
        device.Get(CheckFwPath, token).Status.Should().Be(406);
        device.Get(CheckFwPath, token).Status.Should().Be(406);
    }

    [TestMethod]
    [DataRow((byte)0, 406, DisplayName = "no DIAG flag: refused, fwv would claim a DIAG build")]
    [DataRow(SignedImage.DiagFlag, 200, DisplayName = "DIAG flag: accepted")]
    public void Check_fw_accepts_a_version_ending_in_DIAG_only_with_the_DIAG_flag(byte flags, int expected)
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        UploadFw(device, FirmwareImage(NewVersion + "-DIAG", flags), token).Status.Should().Be(200);

        // Act
        var check = CheckToEnd(device, CheckFwPath, token);

        // Assert
        check.Should().Be(expected);
    }

    [TestMethod]
    public void New_upload_replaces_the_image_and_resets_its_check()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        UploadFw(device, [1, 2, 3], token);
        CheckToEnd(device, CheckFwPath, token).Should().Be(406);

        // Act
        UploadFw(device, FirmwareImage(), token).Status.Should().Be(200);

        // Assert
        CheckToEnd(device, CheckFwPath, token).Should().Be(200);
    }

    [TestMethod]
    public void Install_fw_answers_409_and_logs_upgrade_error_while_the_check_runs()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        UploadFw(device, FirmwareImage(), token);
        device.Get(CheckFwPath, token).Status.Should().Be(201);
        var lines = device.AuditLines().Count;

        // Act
        var response = device.Get(InstallFwPath, token);

        // Assert
        response.Status.Should().Be(409);
        response.Flags.Should().NotHaveFlag(ResponseFlags.RebootAfterReply);
        LinesAfter(device, lines).Should().Equal((UpgradeEvent, Error));
        device.Core.Flash.ReadBlob(InstalledFirmware.BlobName).Should().BeNull();
    }

    [TestMethod]
    public void Reboot_forgets_the_staged_upload_and_its_check()
    {
        // Arrange
        var (device, token) = Provisioned("system:upgrade");
        using var _1 = device;
        UploadFw(device, FirmwareImage(), token);
        CheckToEnd(device, CheckFwPath, token).Should().Be(200);

        // Act
        device.Get("/api/system/reboot", token).Status.Should().Be(200);

        // Assert: the staging buffer is RAM.
        var fresh = device.Login("system:upgrade");
        device.Get(CheckFwPath, fresh).Status.Should().Be(404);
        device.Get(InstallFwPath, fresh).Status.Should().Be(406);
    }
}
