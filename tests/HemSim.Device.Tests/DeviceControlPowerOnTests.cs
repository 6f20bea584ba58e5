using HemSim.Firmware.Device;
using HemSim.Transport.Control;

namespace HemSim.Device.Tests;

/// <summary>The launcher's answer to PowerOn (PROTOCOL.md §6.5 code 9); the power-on itself is HemDevice's (HemDevicePowerOnTests).</summary>
[TestClass]
public sealed class DeviceControlPowerOnTests
{
    [TestMethod]
    public async Task PowerOn_of_a_device_that_is_on_answers_Ok_with_0_and_keeps_its_boot()
    {
        // Arrange
        await using var device = HemDevice.Boot(new HemDeviceOptions());
        await device.InjectFaultAsync(0x04);
        var control = new DeviceControl(device);

        // Act
        ControlResult result = await control.HandleAsync(new ControlRequest(ControlOperation.PowerOn, ReadOnlyMemory<byte>.Empty), CancellationToken.None);

        // Assert: nothing rebooted, so the fault of this boot is still latched.
        result.Status.Should().Be(ControlStatus.Ok);
        result.Data.ToArray().Should().Equal(0);
        (await device.GetFaultStateAsync()).Should().Be(0x04);
    }
}
