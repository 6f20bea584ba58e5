using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Flash;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Device;

/// <summary>
/// Shutdown and power-on on the device thread (spec §11.17): after the reply nothing is served until a power-on, by
/// hand (<see cref="HemDevice.PowerOnAsync"/>, the control channel's PowerOn) or after <see cref="HemDeviceOptions.PowerOnDelay"/>.
/// </summary>
[TestClass]
public sealed class HemDevicePowerOnTests
{
    private static HemDeviceOptions Options(TimeSpan? powerOnDelay, string? dataDirectory = null) =>
        HemDeviceTests.Options(dataDirectory) with { PowerOnDelay = powerOnDelay };

    private static ApiRequest Get(string path, string? token = null) =>
        ApiRequest.Get(path) with { Authorization = token is null ? null : "Bearer " + token };

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Shut_down_device_answers_nothing_until_powered_on()
    {
        // Arrange
        await using var device = HemDevice.Boot(Options(powerOnDelay: null));
        var token = await HemDeviceTests.ProvisionAndLogin(device, "system:shutdown");

        // Act
        var shutdown = await device.ProcessAsync(Get("/api/system/shutdown", token));
        var whileOff = () => device.ProcessAsync(Get("/api/system/status"));

        // Assert
        shutdown.Status.Should().Be(200);
        shutdown.Flags.Should().HaveFlag(ResponseFlags.ShutdownAfterReply);
        device.IsPoweredOn.Should().BeFalse();
        await whileOff.Should().ThrowAsync<DevicePoweredOffException>();
        (await device.PowerOnAsync()).Should().BeTrue();
        device.IsPoweredOn.Should().BeTrue();
        (await device.ProcessAsync(Get("/api/system/status"))).Status.Should().Be(200);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Power_on_is_a_new_boot()
    {
        // Arrange
        using var folder = new TempFolder();
        await using var device = HemDevice.Boot(Options(powerOnDelay: null, folder.Path));
        var token = await HemDeviceTests.ProvisionAndLogin(device, "system:shutdown");
        await device.InjectFaultAsync(0x02);
        (await device.ProcessAsync(Get("/api/system/shutdown", token))).Status.Should().Be(200);

        // Act
        await device.PowerOnAsync();

        // Assert: the fault is gone, the old token is dead, and the flash holds a second audit file.
        (await device.GetFaultStateAsync()).Should().Be(0);
        (await device.ProcessAsync(Get("/api/system/status", token))).Status.Should().Be(401);
        var image = await device.SnapshotFlashAsync();
        var copy = Path.Combine(folder.Path, "copy.db");
        await File.WriteAllBytesAsync(copy, image);
        using var flash = LiteDbFlash.Open(copy);
        flash.ListLogFiles().Should().HaveCount(2);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Request_queued_behind_the_shutdown_is_not_served()
    {
        // Arrange
        await using var device = HemDevice.Boot(Options(powerOnDelay: null));
        var token = await HemDeviceTests.ProvisionAndLogin(device, "system:config");

        // Act: both are queued before the device thread reaches either.
        var shutdown = device.ProcessAsync(Get("/api/system/shutdown", token));
        var behind = device.ProcessAsync(Get("/api/system/status"));

        // Assert
        (await shutdown).Status.Should().Be(200);
        await FluentActions.Awaiting(() => behind).Should().ThrowAsync<DevicePoweredOffException>();
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Power_on_of_a_device_that_is_on_does_nothing()
    {
        await using var device = HemDevice.Boot(Options(powerOnDelay: null));
        var token = await HemDeviceTests.ProvisionAndLogin(device, "system:config");

        var booted = await device.PowerOnAsync();

        booted.Should().BeFalse();
        (await device.ProcessAsync(Get("/api/system/status", token))).Status.Should().Be(200, "the boot and its tokens live on");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Device_powers_on_by_itself_after_the_power_on_delay()
    {
        // Arrange
        await using var device = HemDevice.Boot(Options(powerOnDelay: TimeSpan.FromMilliseconds(1)));
        var token = await HemDeviceTests.ProvisionAndLogin(device, "system:shutdown");

        // Act
        (await device.ProcessAsync(Get("/api/system/shutdown", token))).Status.Should().Be(200);
        while (!device.IsPoweredOn)
        {
            await Task.Delay(10);
        }

        // Assert: a boot like any other — the device answers, the old token does not.
        (await device.ProcessAsync(Get("/api/system/status"))).Status.Should().Be(200);
        (await device.ProcessAsync(Get("/api/system/status", token))).Status.Should().Be(401);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Power_cycle_of_a_shut_down_device_powers_it_on()
    {
        await using var device = HemDevice.Boot(Options(powerOnDelay: null));
        var token = await HemDeviceTests.ProvisionAndLogin(device, "system:shutdown");
        (await device.ProcessAsync(Get("/api/system/shutdown", token))).Status.Should().Be(200);

        await device.PowerCycleAsync();

        device.IsPoweredOn.Should().BeTrue();
        (await device.ProcessAsync(Get("/api/system/status"))).Status.Should().Be(200);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Fault_injection_into_a_shut_down_device_is_refused()
    {
        await using var device = HemDevice.Boot(Options(powerOnDelay: null));
        var token = await HemDeviceTests.ProvisionAndLogin(device, "system:shutdown");
        (await device.ProcessAsync(Get("/api/system/shutdown", token))).Status.Should().Be(200);

        var act = () => device.InjectFaultAsync(0x02);

        await act.Should().ThrowAsync<DevicePoweredOffException>();
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Injected_entropy_fault_answers_409_and_the_selftest_reports_it()
    {
        // Arrange
        await using var device = HemDevice.Boot(Options(powerOnDelay: null));
        var token = await HemDeviceTests.ProvisionAndLogin(device, "keymgmt:gen");

        // Act
        await device.InjectFaultAsync(0x02);
        var create = await device.ProcessAsync(ApiRequest.Post("/api/keymgmt/create", """{"label":"k","type":"AES256"}"""u8.ToArray())
            with { Authorization = "Bearer " + token });
        JsonObject selftest = await HemDeviceTests.JsonOf(device.ProcessAsync(Get("/api/system/selftest", token)));

        // Assert
        create.Status.Should().Be(409);
        selftest["fls_state"]!.GetValue<int>().Should().Be(0x02);
    }
}
