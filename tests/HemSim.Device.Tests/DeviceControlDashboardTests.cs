using HemSim.Firmware.Device;
using HemSim.Transport.Control;

namespace HemSim.Device.Tests;

/// <summary>The launcher's answer to GetDashboard (PROTOCOL.md §6.5 code 11); the export itself is HemDevice's (HemDeviceDashboardTests).</summary>
[TestClass]
public sealed class DeviceControlDashboardTests
{
    [TestMethod]
    public async Task GetDashboard_without_a_dashboard_answers_Ok_with_the_zero_tag_then_nothing_for_it()
    {
        // Arrange
        await using var device = HemDevice.Boot(new HemDeviceOptions());
        var control = new DeviceControl(device);

        // Act
        ControlResult first = await control.HandleAsync(new ControlRequest(ControlOperation.GetDashboard, ReadOnlyMemory<byte>.Empty), CancellationToken.None);
        ControlResult again = await control.HandleAsync(new ControlRequest(ControlOperation.GetDashboard, first.Data), CancellationToken.None);

        // Assert
        first.Status.Should().Be(ControlStatus.Ok);
        first.Data.ToArray().Should().Equal(new byte[HemDevice.DashboardTagSize]);
        again.Status.Should().Be(ControlStatus.Ok);
        again.Data.IsEmpty.Should().BeTrue();
    }
}
