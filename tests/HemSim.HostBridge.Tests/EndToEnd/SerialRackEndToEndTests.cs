using System.Diagnostics;
using FluentAssertions;
using HemSim.HostBridge.Tests.Hosting;
using HemSim.HostBridge.Tests.Serial;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// An EPA rack on virtual serial ports: the launcher publishes <c>PATH.c1</c> … <c>PATH.cN</c> (<c>--chips N</c>) and the
/// bridge attaches to all of them with <c>--serial PATH --chips N</c>, routing by host name as for its embedded rack.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class SerialRackEndToEndTests
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    [TestMethod]
    [Timeout(240_000, CooperativeCancellation = true)]
    public async Task Bridge_serves_each_chip_of_a_launcher_rack_by_host_name()
    {
        string folder = TestBridge.NewDataFolder();
        string port = Path.Combine(folder, "ports", "ttyHEM0");
        try
        {
            // Arrange
            await using LauncherProcess launcher = await LauncherProcess.StartRackAsync(port, Path.Combine(folder, "rack"), chips: 2);
            await using BridgeProcess bridge = await BridgeProcess.StartAsync(Path.Combine(folder, "bridge"), "--serial", port, "--chips", "2");
            await StatusBecomesAsync(bridge.Chip(1), 200);
            await StatusBecomesAsync(bridge.Chip(2), 200);

            // Act: provision chip 2 over the serial link
            string eid1 = (await bridge.Chip(1).GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            string eid2 = (await bridge.Chip(2).GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            using PassphraseClient client = PassphraseClient.Derive(eid2);
            (await client.ProvisionAsync(bridge.Chip(2))).Status.Should().Be(200);

            // Assert: two devices; chip 1 untouched; HTTPS to chip 2 with its certificate; no name → 421
            eid2.Should().NotBe(eid1);
            (await bridge.Chip(1).GetAsync("/api/system/status", tls: false)).Json.Should().ContainKey("inited");
            (await bridge.Chip(2).GetAsync("/api/system/status")).Json.Should().NotContainKey("inited");
            (await bridge.GetAsync("/api/system/status", tls: false)).Status.Should().Be(421);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Polls <c>GET /api/system/status</c> until it answers <paramref name="status"/> (the bridge attaches in the background).</summary>
    private static async Task StatusBecomesAsync(IBridgeEndpoint chip, int status)
    {
        var waited = Stopwatch.StartNew();
        int last;
        while ((last = (await chip.GetAsync("/api/system/status", tls: false)).Status) != status)
        {
            waited.Elapsed.Should().BeLessThan(s_patience, $"the bridge should answer {status} by now (it answers {last})");
            await Task.Delay(100);
        }
    }
}
