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

    [TestMethod]
    public async Task A_slow_transfer_is_not_cancelled_by_a_request_that_stops_waiting_and_serves_once_it_arrives()
    {
        // Arrange: requests give up waiting at once, as after 2 s over a slow serial link
        var device = new GatedDevice();
        var dashboard = new DeviceDashboard(device, TimeProvider.System, askWait: TimeSpan.Zero);

        // Act
        await dashboard.WaitForAskAsync(CancellationToken.None);
        bool servedWhileTransferring = dashboard.GetFileInfo("/index.html").Exists;
        await dashboard.WaitForAskAsync(CancellationToken.None);
        Task transfer = dashboard.AskAsync();
        int asksBeforeArrival = device.Asks;
        device.Open();
        await transfer;

        // Assert
        servedWhileTransferring.Should().BeFalse("the archive held (none yet) is served meanwhile");
        asksBeforeArrival.Should().Be(1, "a request during a transfer joins it instead of starting another");
        device.Tokens.Should().ContainSingle().Which.CanBeCanceled.Should().BeFalse("nothing may cancel a started transfer");
        dashboard.GetFileInfo("/index.html").Exists.Should().BeTrue("the archive is swapped in when the transfer completes");
        device.Asks.Should().Be(1);
    }

    /// <summary>Holds every answer until <see cref="Open"/>; then answers with a one-file dashboard.</summary>
    private sealed class GatedDevice : IDeviceControl
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _asks;

        public int Asks => Volatile.Read(ref _asks);

        /// <summary>The cancellation token of every ask, in order.</summary>
        public List<CancellationToken> Tokens { get; } = [];

        public void Open() => _gate.SetResult();

        public async Task<ControlResult> ControlAsync(ControlOperation operation, ReadOnlyMemory<byte> argument, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _asks);
            lock (Tokens)
            {
                Tokens.Add(cancellationToken);
            }
            await _gate.Task;   // deaf to the bridge's 2 s timeout: this test must not depend on time
            byte[] data = [.. new byte[HemDevice.DashboardTagSize - 1], 1, .. new DashboardTar().File("index.html", "<html/>").ToArray()];
            return argument.Length == 0 ? ControlResult.Ok(data) : ControlResult.Ok(ReadOnlyMemory<byte>.Empty);
        }
    }
}
