using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Upgrade.UpgradeRig;

namespace HemSim.Firmware.Tests.Api.Upgrade;

/// <summary>Who may call the upgrade endpoints, on which builds, and in which state (spec §11.9–§11.15, §16, §20.2).</summary>
[TestClass]
public sealed class UpgradeAccessTests
{
    private static ApiResponse Call(TestDevice device, string path, string? token) =>
        path is UploadFwPath or UploadUiPath or UploadBlPath
            ? Upload(device, path, FirmwareImage(), token, "attachment; filename=\"firmware.bin\"")
            : device.Get(path, token);

    /// <summary>All nine upgrade endpoints (spec §11.9–§11.15, §16 G10/G11), one row each.</summary>
    public static IEnumerable<object[]> Endpoints() =>
        [[UploadFwPath], [CheckFwPath], [InstallFwPath], [UploadUiPath], [CheckUiPath], [InstallUiPath], [UsbModePath], [UploadBlPath], [InstallBlPath]];

    [TestMethod]
    [DynamicData(nameof(Endpoints))]
    public void Upgrade_endpoint_answers_401_without_a_token_once_initialised(string path)
    {
        // Arrange
        var (device, _) = Provisioned(options: new HemDeviceOptions { Diag = true });
        using var _1 = device;
        var before = Trace(device);

        // Act
        var response = Call(device, path, token: null);

        // Assert
        response.Status.Should().Be(401);
        response.Body.Should().BeEmpty();
        Trace(device).Should().Be(before);
    }

    [TestMethod]
    [DataRow(UploadFwPath, "system:config")]
    [DataRow(UploadUiPath, "system:config")]
    [DataRow(UploadBlPath, "system:config")]
    [DataRow(CheckFwPath, "system:shutdown")]
    [DataRow(InstallFwPath, "keymgmt:list")]
    [DataRow(CheckUiPath, "system:upgrad")]
    [DataRow(InstallUiPath, "system:shutdown")]
    [DataRow(UsbModePath, "storage:disk0")]
    [DataRow(InstallBlPath, "system:shutdown")]
    public void Upgrade_endpoint_answers_403_and_logs_a_failed_scope_check_for_another_scope(string path, string scope)
    {
        // Arrange
        var (device, token) = Provisioned(scope, new HemDeviceOptions { Diag = true });
        using var _1 = device;
        var lines = device.AuditLines().Count;

        // Act
        var response = Call(device, path, token);

        // Assert
        response.Status.Should().Be(403);
        response.Body.Should().BeEmpty();
        LinesAfter(device, lines).Should().Equal((FailedScopeCheck, 1));
        device.Core.Boot.Upgrade.Get(Firmware.Upgrade.ImageKind.Firmware).Should().BeNull();
        device.Core.Boot.Upgrade.Get(Firmware.Upgrade.ImageKind.Dashboard).Should().BeNull();
        device.Core.Flash.ReadBlob(Firmware.Upgrade.BootloaderSectors.StagingBlob).Should().BeNull();
    }

    [TestMethod]
    [DataRow(CheckFwPath, 404)]
    [DataRow(InstallFwPath, 406)]
    [DataRow(CheckUiPath, 406)]
    [DataRow(InstallUiPath, 406)]
    [DataRow(InstallBlPath, 400)]
    public void Checks_and_installs_accept_a_system_config_token(string path, int status)
    {
        var (device, token) = Provisioned("system:config", new HemDeviceOptions { Diag = true });
        using var _1 = device;

        device.Get(path, token).Status.Should().Be(status);
    }

    [TestMethod]
    public void Usbmode_accepts_a_system_config_token()
    {
        var (device, token) = Provisioned("system:config");
        using var _1 = device;

        device.Get(UsbModePath, token).Status.Should().Be(200);
    }

    [TestMethod]
    [DataRow(UploadFwPath, 200)]
    [DataRow(CheckFwPath, 404)]
    [DataRow(InstallFwPath, 406)]
    [DataRow(UploadUiPath, 200)]
    [DataRow(CheckUiPath, 406)]
    [DataRow(InstallUiPath, 406)]
    [DataRow(UsbModePath, 200)]
    [DataRow(UploadBlPath, 200)]
    [DataRow(InstallBlPath, 400)]
    public void Upgrade_endpoint_needs_no_token_on_a_fresh_device(string path, int status)
    {
        using var device = new TestDevice(new HemDeviceOptions { Diag = true });

        Call(device, path, token: null).Status.Should().Be(status);
    }

    [TestMethod]
    [DataRow(UploadFwPath, HardwareVariant.Epa, DisplayName = "MSC endpoint on an EPA: upload_fw")]
    [DataRow(CheckFwPath, HardwareVariant.Epa, DisplayName = "MSC endpoint on an EPA: check_fw")]
    [DataRow(InstallFwPath, HardwareVariant.Epa, DisplayName = "MSC endpoint on an EPA: install_fw")]
    [DataRow(UploadUiPath, HardwareVariant.Epa, DisplayName = "MSC endpoint on an EPA: upload_ui")]
    [DataRow(CheckUiPath, HardwareVariant.Epa, DisplayName = "MSC endpoint on an EPA: check_ui")]
    [DataRow(InstallUiPath, HardwareVariant.Epa, DisplayName = "MSC endpoint on an EPA: install_ui")]
    [DataRow(UploadBlPath, HardwareVariant.Ppa, DisplayName = "bootloader endpoint on a production build: upload_bootldr")]
    [DataRow(InstallBlPath, HardwareVariant.Ppa, DisplayName = "bootloader endpoint on a production build: install_bl")]
    public void Upgrade_endpoint_answers_404_where_the_device_has_none(string path, HardwareVariant variant)
    {
        // Arrange: an EPA has no MSC endpoints (spec §11.9), a build without DIAG no bootloader ones (spec §16).
        var (device, token) = Provisioned(options: new HemDeviceOptions { Variant = variant });
        using var _1 = device;
        var before = Trace(device);

        // Act
        var response = Call(device, path, token);

        // Assert
        response.Status.Should().Be(404);
        Trace(device).Should().Be(before);
    }

    [TestMethod]
    public void Usbmode_exists_on_an_epa()
    {
        var (device, token) = Provisioned(options: new HemDeviceOptions { Variant = HardwareVariant.Epa });
        using var _1 = device;

        device.Get(UsbModePath, token).Status.Should().Be(200);
    }

    [TestMethod]
    [DynamicData(nameof(Endpoints))]
    public void Upgrade_endpoint_answers_409_while_a_fault_is_latched_before_the_scope_check(string path)
    {
        // Arrange: a token of another scope shows that 409 comes first (spec §3.3, [T] test_5).
        var (device, token) = Provisioned("keymgmt:list", new HemDeviceOptions { Diag = true });
        using var _1 = device;
        device.Core.LatchFault(0x04);
        var before = Trace(device);

        // Act
        var response = Call(device, path, token);

        // Assert
        response.Status.Should().Be(409);
        response.Body.Should().BeEmpty();
        Trace(device).Should().Be(before);
    }

    [TestMethod]
    [DataRow(UploadFwPath)]
    [DataRow(CheckFwPath)]
    [DataRow(UsbModePath)]
    public void Upgrade_endpoint_answers_401_to_a_forged_token(string path)
    {
        var (device, token) = Provisioned();
        using var _1 = device;

        Call(device, path, token[..^2] + "AA").Status.Should().Be(401);
    }
}
