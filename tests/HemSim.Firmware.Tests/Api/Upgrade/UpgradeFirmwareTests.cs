using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Upgrade;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Upgrade.UpgradeRig;

namespace HemSim.Firmware.Tests.Api.Upgrade;

/// <summary>upload_fw, check_fw, install_fw (spec §11.9–§11.11): staging, the verification task and its refusals.</summary>
[TestClass]
public sealed class UpgradeFirmwareTests
{
    [TestMethod]
    [DataRow("attachment; filename=\"firmware.bin\"")]
    [DataRow("attachment; filename=firmware.hex")]
    [DataRow("attachment; FileName=\"firmware.bin\"")]
    [DataRow("attachment;filename = \"firmware.bin\" ; size=5")]
    [DataRow("form-data; name=\"file\"; filename=\"firmware.bin\"")]
    public void Upload_fw_stages_the_image_under_a_firmware_name(string disposition)
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        var image = FirmwareImage();

        // Act
        var response = Upload(device, UploadFwPath, image, token, disposition);

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
        response.Flags.Should().NotHaveFlag(ResponseFlags.DropConnection);
        device.Core.Boot.Upgrade.Get(ImageKind.Firmware)!.Bytes.Should().Equal(image);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("attachment")]
    [DataRow("attachment; filename=")]
    [DataRow("attachment; filename=\"\"")]
    [DataRow("attachment; filename=\"firmware.bin")]
    [DataRow("attachment; name=\"firmware.bin\"")]
    public void Upload_fw_answers_413_and_closes_without_a_file_name(string? disposition)
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        var before = Trace(device);

        // Act
        var response = Upload(device, UploadFwPath, FirmwareImage(), token, disposition);

        // Assert
        response.Status.Should().Be(413);
        response.Body.Should().BeEmpty();
        response.Flags.Should().HaveFlag(ResponseFlags.CloseConnection);
        Trace(device).Should().Be(before);
    }

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
    public void Upload_fw_answers_406_to_an_empty_body()
    {
        var (device, token) = Provisioned();
        using var _1 = device;
        var before = Trace(device);

        var response = UploadFw(device, [], token);

        response.Status.Should().Be(406);
        response.Flags.Should().NotHaveFlag(ResponseFlags.DropConnection);
        Trace(device).Should().Be(before);
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
    public void Check_fw_answers_201_then_202_while_running_then_200_for_a_valid_image()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        UploadFw(device, FirmwareImage(), token).Status.Should().Be(200);

        // Act / Assert: the task takes UpgradeStaging.VerificationTime of device time.
        device.Get(CheckFwPath, token).Status.Should().Be(201);
        device.Get(CheckFwPath, token).Status.Should().Be(202);
        device.Clock.Advance(UpgradeStaging.VerificationTime - TimeSpan.FromMilliseconds(1));
        device.Get(CheckFwPath, token).Status.Should().Be(202);
        device.Clock.Advance(TimeSpan.FromMilliseconds(1));
        device.Get(CheckFwPath, token).Status.Should().Be(200);
        device.Get(CheckFwPath, token).Status.Should().Be(200, "the answer stays until a new upload");
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
    public void Check_fw_answers_409_while_a_dashboard_task_runs()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        UploadFw(device, FirmwareImage(), token);
        UploadUi(device, DashboardImage(), token);
        device.Get(CheckUiPath, token).Status.Should().Be(201);
        var before = Trace(device);

        // Act
        var response = device.Get(CheckFwPath, token);

        // Assert
        response.Status.Should().Be(409);
        Trace(device).Should().Be(before);
        device.Clock.Advance(UpgradeStaging.VerificationTime);
        device.Get(CheckFwPath, token).Status.Should().Be(201, "the dashboard task has ended");
    }

    [TestMethod]
    public void Install_fw_answers_406_and_logs_upgrade_error_when_nothing_is_verified()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        UploadFw(device, FirmwareImage(), token);   // staged, never checked
        var lines = device.AuditLines().Count;
        var version = VersionOf(device);

        // Act
        var response = device.Get(InstallFwPath, token);

        // Assert
        response.Status.Should().Be(406);
        response.Flags.Should().NotHaveFlag(ResponseFlags.RebootAfterReply);
        LinesAfter(device, lines).Should().Equal((UpgradeEvent, Error));
        device.LastAuditLine().Subject.Should().Be("U");
        device.Core.Flash.ReadBlob(InstalledFirmware.BlobName).Should().BeNull();
        VersionOf(device).ToJsonString().Should().Be(version.ToJsonString());
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
