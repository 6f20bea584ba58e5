using FluentAssertions;
using HemSim.HostBridge.Tests.Hosting;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// DIAG <c>break_tls</c> (spec §16 G5) through the real bridge process started with <c>--diag</c>: the device's TLS
/// identity carries the fault flag (PROTOCOL.md §6.5) and the bridge, which terminates TLS, fails some handshakes
/// until the device reboots.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class DiagEndToEndTests
{
    private const int Connections = 20;

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Break_tls_makes_some_of_20_https_connections_fail_until_reboot()
    {
        var folder = TestBridge.NewDataFolder();
        try
        {
            // Arrange
            await using var bridge = await BridgeProcess.StartAsync(folder, "--diag");
            (await CountFailuresAsync(bridge)).Should().Be(0, "no fault is armed yet");

            // Act
            (await bridge.GetAsync("/api/diag/break_tls", tls: false)).Status.Should().Be(200);
            int broken = await CountFailuresAsync(bridge);
            (await bridge.GetAsync("/api/system/reboot", tls: false)).Status.Should().Be(200);
            await WaitForDeviceAsync(bridge);
            int rebooted = await CountFailuresAsync(bridge);

            // Assert
            broken.Should().BeInRange(1, Connections - 1, "[T]: at least 1 of 20 fails, and the fault is not total");
            rebooted.Should().Be(0, "a reboot clears the TLS fault");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>20 HTTPS GETs, each on a new connection (a new TLS handshake); how many did not get an answer.</summary>
    private static async Task<int> CountFailuresAsync(BridgeProcess bridge)
    {
        int failures = 0;
        for (int i = 0; i < Connections; i++)
        {
            try
            {
                (await bridge.GetAsync("/api/system/status")).Status.Should().Be(200);
            }
            catch (HttpRequestException)
            {
                failures++;
            }
        }
        return failures;
    }

    private static async Task WaitForDeviceAsync(BridgeProcess bridge)
    {
        while ((await bridge.GetAsync("/api/system/status", tls: false)).Status != 200)
        {
            await Task.Delay(100);
        }
    }
}
