using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Flash;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Device;

public sealed partial class HemDeviceTests
{
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Power_cycle_invalidates_tokens_and_keeps_flash()
    {
        // Arrange
        await using var device = HemDevice.Boot(Options());
        var token = await ProvisionAndLogin(device, "keymgmt:gen");

        // Act
        await device.PowerCycleAsync();

        // Assert
        var status = await device.ProcessAsync(ApiRequest.Get("/api/system/status") with { Authorization = "Bearer " + token });
        status.Status.Should().Be(401, "tokens die with the boot");
        var init = await device.ProcessAsync(ApiRequest.Get("/api/auth/init", false));
        init.Status.Should().Be(406, "the configuration is in flash");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Injected_fault_latches_until_power_cycle()
    {
        // Arrange
        await using var device = HemDevice.Boot(Options());
        var token = await ProvisionAndLogin(device, "keymgmt:gen");

        // Act
        await device.InjectFaultAsync(0x04);
        var whileFaulted = await device.ProcessAsync(Post("/api/keymgmt/create", new { label = "faulted", type = "AES256" }, token));
        var statusWhileFaulted = await JsonOf(device.ProcessAsync(ApiRequest.Get("/api/system/status")));
        await device.PowerCycleAsync();

        // Assert
        whileFaulted.Status.Should().Be(409);
        statusWhileFaulted["fls_state"]!.GetValue<int>().Should().Be(0x04);
        (await device.GetFaultStateAsync()).Should().Be(0);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(0x100)]
    [DataRow(-1)]
    public async Task Injecting_a_fault_outside_the_mask_is_refused(int bits)
    {
        await using var device = HemDevice.Boot(Options());

        var act = () => device.InjectFaultAsync(bits);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
        (await device.GetFaultStateAsync()).Should().Be(0);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Flash_snapshot_is_a_readable_image_holding_the_configuration()
    {
        // Arrange
        using var folder = new TempFolder();
        await using var device = HemDevice.Boot(Options(folder.Path));
        await ProvisionAndLogin(device, "keymgmt:gen");

        // Act
        var image = await device.SnapshotFlashAsync();

        // Assert: the image opens as a flash of its own and holds the provisioned configuration.
        var copy = Path.Combine(folder.Path, "copy.db");
        await File.WriteAllBytesAsync(copy, image);
        using var flash = LiteDbFlash.Open(copy);
        flash.ReadBlob("config").Should().NotBeNull();
    }
}
