using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Upgrade;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Upgrade.UpgradeRig;

namespace HemSim.Firmware.Tests.Api.Upgrade;

/// <summary>
/// What upload, check and install do alike for firmware and dashboard images (spec §11.9–§11.14): each test runs once
/// per kind ("fw", "ui"). What only one kind does stays in <see cref="UpgradeFirmwareTests"/> and <see cref="UpgradeDashboardTests"/>.
/// </summary>
[TestClass]
public sealed class UpgradeStagingTests
{
    [TestMethod]
    [DataRow("fw", "attachment; filename=\"firmware.bin\"", "firmware.bin")]
    [DataRow("fw", "attachment; filename=firmware.hex", "firmware.hex")]
    [DataRow("fw", "attachment; FileName=\"firmware.bin\"", "firmware.bin")]
    [DataRow("fw", "attachment;filename = \"firmware.bin\" ; size=5", "firmware.bin")]
    [DataRow("fw", "form-data; name=\"file\"; filename=\"firmware.bin\"", "firmware.bin")]
    [DataRow("ui", "attachment; filename=\"webroot.tar\"", "webroot.tar")]
    [DataRow("ui", "attachment; filename=\"ui.bin\"", "ui.bin", DisplayName = "ui: any name is staged ([J]'s ui.bin too)")]
    public void Upload_stages_the_image_under_its_file_name(string kind, string disposition, string fileName)
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        var rig = For(kind);
        var image = rig.ValidImage();

        // Act
        var response = Upload(device, rig.UploadPath, image, token, disposition);

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
        response.Flags.Should().NotHaveFlag(ResponseFlags.DropConnection);
        var staged = device.Core.Boot.Upgrade.Get(rig.Kind)!;
        staged.Bytes.Should().Equal(image);
        staged.FileName.Should().Be(fileName);
    }

    [TestMethod]
    [DataRow("fw", null)]
    [DataRow("fw", "attachment")]
    [DataRow("fw", "attachment; filename=")]
    [DataRow("fw", "attachment; filename=\"\"")]
    [DataRow("fw", "attachment; filename=\"firmware.bin")]
    [DataRow("fw", "attachment; name=\"firmware.bin\"")]
    [DataRow("ui", "attachment")]
    public void Upload_answers_413_and_closes_without_a_file_name(string kind, string? disposition)
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        var rig = For(kind);
        var before = Trace(device);

        // Act
        var response = Upload(device, rig.UploadPath, rig.ValidImage(), token, disposition);

        // Assert
        response.Status.Should().Be(413);
        response.Body.Should().BeEmpty();
        response.Flags.Should().HaveFlag(ResponseFlags.CloseConnection);
        Trace(device).Should().Be(before);
    }

    [TestMethod]
    [DataRow("fw")]
    [DataRow("ui")]
    public void Upload_answers_406_to_an_empty_body(string kind)
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        var before = Trace(device);

        // Act
        var response = For(kind).Upload(device, [], token);

        // Assert
        response.Status.Should().Be(406);
        response.Flags.Should().NotHaveFlag(ResponseFlags.DropConnection);
        Trace(device).Should().Be(before);
    }

    [TestMethod]
    [DataRow("fw")]
    [DataRow("ui")]
    public void Check_answers_201_then_202_while_running_then_200_for_a_valid_image(string kind)
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        var rig = For(kind);
        rig.Upload(device, rig.ValidImage(), token).Status.Should().Be(200);

        // Act / Assert: the task takes UpgradeStaging.VerificationTime of device time.
        device.Get(rig.CheckPath, token).Status.Should().Be(201);
        device.Get(rig.CheckPath, token).Status.Should().Be(202);
        device.Clock.Advance(UpgradeStaging.VerificationTime - TimeSpan.FromMilliseconds(1));
        device.Get(rig.CheckPath, token).Status.Should().Be(202);
        device.Clock.Advance(TimeSpan.FromMilliseconds(1));
        device.Get(rig.CheckPath, token).Status.Should().Be(200);
        device.Get(rig.CheckPath, token).Status.Should().Be(200, "the answer stays until a new upload");
    }

    [TestMethod]
    [DataRow("fw")]
    [DataRow("ui")]
    public void Check_answers_409_while_a_task_of_the_other_kind_runs(string kind)
    {
        // Arrange: both kinds staged, the other kind's check started.
        var (device, token) = Provisioned();
        using var _1 = device;
        var (rig, other) = (For(kind), Other(kind));
        rig.Upload(device, rig.ValidImage(), token);
        other.Upload(device, other.ValidImage(), token);
        device.Get(other.CheckPath, token).Status.Should().Be(201);
        var before = Trace(device);

        // Act
        var response = device.Get(rig.CheckPath, token);

        // Assert
        response.Status.Should().Be(409);
        Trace(device).Should().Be(before);
        device.Clock.Advance(UpgradeStaging.VerificationTime);
        device.Get(rig.CheckPath, token).Status.Should().Be(201, "the other kind's task has ended");
    }

    [TestMethod]
    [DataRow("fw")]
    [DataRow("ui")]
    public void Install_answers_406_and_logs_upgrade_error_when_nothing_is_verified(string kind)
    {
        // Arrange: staged, never checked.
        var (device, token) = Provisioned();
        using var _1 = device;
        var rig = For(kind);
        rig.Upload(device, rig.ValidImage(), token);
        var lines = device.AuditLines().Count;
        var version = VersionOf(device);

        // Act
        var response = device.Get(rig.InstallPath, token);

        // Assert
        response.Status.Should().Be(406);
        response.Flags.Should().NotHaveFlag(ResponseFlags.RebootAfterReply);
        LinesAfter(device, lines).Should().Equal((UpgradeEvent, Error));
        device.LastAuditLine().Subject.Should().Be("U");
        device.Core.Flash.ReadBlob(rig.InstalledBlob).Should().BeNull();
        VersionOf(device).ToJsonString().Should().Be(version.ToJsonString());
    }

    /// <summary>
    /// Every bad image of either kind, as (kind, what, image): the firmware ones from <see cref="UpgradeRoundTripTests.BadImages"/>,
    /// the dashboard ones from <see cref="UpgradeDashboardTests.BadDashboards"/>.
    /// </summary>
    public static IEnumerable<object[]> BadImages() =>
        UpgradeRoundTripTests.BadImages().Select(row => new[] { "fw", row[0], row[1] })
            .Concat(UpgradeDashboardTests.BadDashboards().Select(row => new[] { "ui", row[0], row[1] }));

    [TestMethod]
    [DynamicData(nameof(BadImages))]
    public void Bad_image_fails_the_check_and_cannot_be_installed(string kind, string what, byte[] image)
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        var rig = For(kind);
        var version = VersionOf(device).ToJsonString();
        rig.Upload(device, image, token).Status.Should().Be(200, what);

        // Act
        var check = CheckToEnd(device, rig.CheckPath, token);
        var install = device.Get(rig.InstallPath, token);

        // Assert
        check.Should().Be(406, what);
        install.Status.Should().Be(406);
        install.Flags.Should().NotHaveFlag(ResponseFlags.RebootAfterReply);
        device.Core.Flash.ReadBlob(rig.InstalledBlob).Should().BeNull();
        VersionOf(device).ToJsonString().Should().Be(version);
    }
}
