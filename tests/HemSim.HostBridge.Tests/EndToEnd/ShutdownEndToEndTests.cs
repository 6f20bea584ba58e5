using FluentAssertions;
using HemSim.HostBridge.Tests.Hosting;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// <c>GET /api/system/shutdown</c> through the real bridge process (spec §11.17): the device stops, the bridge answers
/// 503 as for a device that is away, and with <c>--power-on-delay</c> the device comes back as a new boot.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class ShutdownEndToEndTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Shut_down_device_answers_503_then_powers_on_as_a_new_boot()
    {
        var folder = TestBridge.NewDataFolder();
        try
        {
            // Arrange
            await using var bridge = await BridgeProcess.StartAsync(folder, "--power-on-delay", "1");
            var eid = (await bridge.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            using var client = PassphraseClient.Derive(eid);
            (await client.ProvisionAsync(bridge)).Status.Should().Be(200);
            var token = await client.TokenAsync(bridge, "system:shutdown");
            (await bridge.GetAsync("/api/system/selftest", token, tls: false)).Json["fls_state"]!.GetValue<int>().Should().Be(0);
            var spkBefore = (await bridge.GetAsync("/api/auth/token", tls: false)).Json["spk"]!.GetValue<string>();

            // Act
            var shutdown = await bridge.GetAsync("/api/system/shutdown", token, tls: false);
            var statuses = new List<int>();
            var status = await bridge.GetAsync("/api/system/status", tls: false);
            statuses.Add(status.Status);
            while (status.Status != 200)
            {
                await Task.Delay(100);
                status = await bridge.GetAsync("/api/system/status", tls: false);
                statuses.Add(status.Status);
            }

            // Assert: 503 while off (the device is gone, the bridge is not), then a new boot: old tokens and spk are dead.
            shutdown.Status.Should().Be(200);
            shutdown.Body.Should().BeEmpty();
            statuses[0].Should().Be(503, "the device is off right after its shutdown reply");
            statuses.SkipLast(1).Should().OnlyContain(s => s == 503);
            (await bridge.GetAsync("/api/system/status", token, tls: false)).Status.Should().Be(401);
            (await bridge.GetAsync("/api/auth/token", tls: false)).Json["spk"]!.GetValue<string>().Should().NotBe(spkBefore);
            var after = await client.TokenAsync(bridge, "system:config");
            (await bridge.GetAsync("/api/system/selftest", after)).Json["fls_state"]!.GetValue<int>().Should().Be(0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Without_automatic_power_on_the_device_stays_off()
    {
        var folder = TestBridge.NewDataFolder();
        try
        {
            await using var bridge = await BridgeProcess.StartAsync(folder, "--power-on-delay", "off");
            var eid = (await bridge.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            using var client = PassphraseClient.Derive(eid);
            (await client.ProvisionAsync(bridge)).Status.Should().Be(200);
            var token = await client.TokenAsync(bridge, "system:config");

            (await bridge.GetAsync("/api/system/shutdown", token)).Status.Should().Be(200);

            (await bridge.GetAsync("/api/system/status", tls: false)).Status.Should().Be(503);
            (await bridge.GetAsync("/api/system/version")).Status.Should().Be(503);
            (await bridge.GetAsync("/api/system/reboot", token, tls: false)).Status.Should().Be(503);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
