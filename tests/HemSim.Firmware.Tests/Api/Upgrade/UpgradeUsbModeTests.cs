using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Tests.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Upgrade.UpgradeRig;

namespace HemSim.Firmware.Tests.Api.Upgrade;

/// <summary>S15 usbmode (spec §11.15): off for the USB-mode time, then a normal boot.</summary>
[TestClass]
public sealed class UpgradeUsbModeTests
{
    [TestMethod]
    public void Usbmode_answers_200_closes_logs_upgrade_ok_and_asks_for_the_shutdown()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        var lines = device.AuditLines().Count;

        // Act
        var response = device.Get(UsbModePath, token, tls: false);

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
        response.Flags.Should().HaveFlag(ResponseFlags.CloseConnection).And.HaveFlag(ResponseFlags.ShutdownAfterReply);
        LinesAfter(device, lines).Should().Equal((UpgradeEvent, Ok));
        device.Core.Boot.UsbModeRequested.Should().BeTrue();
    }

    [TestMethod]
    public void Usbmode_answers_409_and_logs_upgrade_error_while_a_task_runs()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        UploadFw(device, FirmwareImage(), token);
        device.Get(CheckFwPath, token).Status.Should().Be(201);
        var lines = device.AuditLines().Count;

        // Act
        var response = device.Get(UsbModePath, token);

        // Assert
        response.Status.Should().Be(409);
        response.Flags.Should().NotHaveFlag(ResponseFlags.ShutdownAfterReply);
        LinesAfter(device, lines).Should().Equal((UpgradeEvent, Error));
        device.Core.Boot.UsbModeRequested.Should().BeFalse();
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Device_is_off_after_usbmode_and_boots_again_after_the_usb_mode_time()
    {
        // Arrange: no automatic power-on after a shutdown, so only the USB-mode time can bring the device back.
        await using var device = HemDevice.Boot(HemDeviceTests.Options() with
        {
            PowerOnDelay = null,
            UsbModeTime = TimeSpan.FromMilliseconds(200),
        });
        var token = await HemDeviceTests.ProvisionAndLogin(device, "system:upgrade");

        // Act
        var response = await device.ProcessAsync(ApiRequest.Get(UsbModePath) with { Authorization = "Bearer " + token });
        var offRightAfter = !device.IsPoweredOn;
        while (!device.IsPoweredOn)
        {
            await Task.Delay(10);
        }

        // Assert: a new boot — the device answers, the old token does not.
        response.Status.Should().Be(200);
        offRightAfter.Should().BeTrue();
        (await device.ProcessAsync(ApiRequest.Get("/api/system/status"))).Status.Should().Be(200);
        (await device.ProcessAsync(ApiRequest.Get("/api/system/status") with { Authorization = "Bearer " + token })).Status.Should().Be(401);
    }
}
