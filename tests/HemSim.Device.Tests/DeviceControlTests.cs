using HemSim.Firmware.Device;
using HemSim.Transport.Control;

namespace HemSim.Device.Tests;

/// <summary>Control-channel operations carried out on a simulated device (in memory).</summary>
[TestClass]
public sealed class DeviceControlTests
{
    private HemDevice _device = null!;
    private DeviceControl _control = null!;

    [TestInitialize]
    public void Boot()
    {
        _device = HemDevice.Boot(new HemDeviceOptions());
        _control = new DeviceControl(_device);
    }

    [TestCleanup]
    public async Task PowerOff() => await _device.DisposeAsync();

    [TestMethod]
    public async Task Injected_fault_is_latched_until_a_power_cycle()
    {
        ControlResult injected = await HandleAsync(ControlOperation.InjectFault, [0x04]);
        ControlResult latched = await HandleAsync(ControlOperation.GetFaultState);
        ControlResult cycled = await HandleAsync(ControlOperation.PowerCycle);
        ControlResult cleared = await HandleAsync(ControlOperation.GetFaultState);

        injected.Status.Should().Be(ControlStatus.Ok);
        latched.Data.ToArray().Should().Equal(0x04);
        cycled.Status.Should().Be(ControlStatus.Ok);
        cleared.Data.ToArray().Should().Equal(0x00);
    }

    [TestMethod]
    public async Task Entropy_fault_latches_the_entropy_bit()
    {
        await HandleAsync(ControlOperation.InjectEntropyFault);

        (await HandleAsync(ControlOperation.GetFaultState)).Data.ToArray().Should().Equal(0x02);
    }

    [TestMethod]
    [DataRow(new byte[0], DisplayName = "no argument")]
    [DataRow(new byte[] { 0 }, DisplayName = "no bits")]
    [DataRow(new byte[] { 1, 2 }, DisplayName = "two bytes")]
    public async Task Fault_without_exactly_one_non_zero_byte_is_an_invalid_argument(byte[] argument)
    {
        ControlResult result = await HandleAsync(ControlOperation.InjectFault, argument);

        result.Status.Should().Be(ControlStatus.InvalidArgument);
        (await HandleAsync(ControlOperation.GetFaultState)).Data.ToArray().Should().Equal(0x00);
    }

    [TestMethod]
    public async Task Snapshot_returns_the_flash_image()
    {
        ControlResult result = await HandleAsync(ControlOperation.Snapshot);

        result.Status.Should().Be(ControlStatus.Ok);
        result.Data.Length.Should().BeGreaterThan(0);
    }

    [TestMethod]
    [DataRow(ControlOperation.CorruptFlash)]
    [DataRow(ControlOperation.Restore)]
    public async Task Operations_the_device_has_no_means_for_are_unsupported(ControlOperation operation)
    {
        (await HandleAsync(operation)).Status.Should().Be(ControlStatus.Unsupported);
    }

    private Task<ControlResult> HandleAsync(ControlOperation operation, byte[]? argument = null) =>
        _control.HandleAsync(new ControlRequest(operation, argument ?? []), CancellationToken.None);
}
