using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Http;
using HemSim.Transport.Control;

namespace HemSim.HostBridge.Tests.Http;

/// <summary>How requests share the bridge's asks for the device's dashboard (PROTOCOL.md §6.5 GetDashboard).</summary>
[TestClass]
public sealed class DeviceDashboardAskTests
{
    [TestMethod]
    public async Task Requests_arriving_while_an_ask_is_in_flight_join_it_and_a_later_one_asks_again()
    {
        // Arrange
        var device = new GatedDevice();
        var dashboard = new DeviceDashboard(device, TimeProvider.System);

        // Act
        Task first = dashboard.AskAsync();
        Task joined = dashboard.AskAsync();
        int asksInFlight = device.Asks;
        device.Open();
        await Task.WhenAll(first, joined);
        await dashboard.AskAsync();

        // Assert
        joined.Should().BeSameAs(first);
        asksInFlight.Should().Be(1);
        device.Asks.Should().Be(2);
        dashboard.GetFileInfo("/index.html").Exists.Should().BeTrue();
    }

    /// <summary>Holds every answer until <see cref="Open"/>; then answers with a one-file dashboard.</summary>
    private sealed class GatedDevice : IDeviceControl
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _asks;

        public int Asks => Volatile.Read(ref _asks);

        public void Open() => _gate.SetResult();

        public async Task<ControlResult> ControlAsync(ControlOperation operation, ReadOnlyMemory<byte> argument, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _asks);
            await _gate.Task;   // deaf to the bridge's 2 s timeout: this test must not depend on time
            byte[] data = [.. new byte[HemDevice.DashboardTagSize - 1], 1, .. new DashboardTar().File("index.html", "<html/>").ToArray()];
            return argument.Length == 0 ? ControlResult.Ok(data) : ControlResult.Ok(ReadOnlyMemory<byte>.Empty);
        }
    }
}
