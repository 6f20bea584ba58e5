using FluentAssertions;
using HemSim.HostBridge.Tests.Hosting;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// A device's life through the real bridge process: factory-new, provisioned, rebooted over the API,
/// stopped and started again on the same data folder.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class DeviceLifecycleEndToEndTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Device_state_survives_reboot_and_restart_while_tokens_do_not()
    {
        var folder = TestBridge.NewDataFolder();
        BridgeProcess? bridge = null;
        try
        {
            // Factory-new: uninitialised, no login, no keys.
            bridge = await BridgeProcess.StartAsync(folder);
            (await bridge.GetAsync("/api/system/status", tls: false)).Json.ContainsKey("inited").Should().BeTrue();
            (await bridge.GetAsync("/api/auth/token", tls: false)).Status.Should().Be(409);
            (await bridge.PostAsync("/api/keymgmt/create", new { label = "early", type = "AES256" })).Status.Should().Be(409);

            // Provision and use it.
            var eid = (await bridge.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            using var client = PassphraseClient.Derive(eid);
            (await client.ProvisionAsync(bridge)).Status.Should().Be(200);
            (await bridge.GetAsync("/api/system/status", tls: false)).Json.ContainsKey("inited").Should().BeFalse();
            var token = await client.TokenAsync(bridge, "keymgmt:gen");
            (await bridge.PostAsync("/api/keymgmt/create", new { label = "before reboot", type = "ED25519" }, token)).Status.Should().Be(200);

            // A reboot over the API invalidates every token of the old boot.
            var rebootToken = await client.TokenAsync(bridge, "system:config");
            (await bridge.GetAsync("/api/system/reboot", rebootToken, tls: false)).Status.Should().Be(200);
            (await bridge.GetAsync("/api/system/status", token, tls: false)).Status.Should().Be(401);
            token = await client.TokenAsync(bridge, "keymgmt:gen");
            (await bridge.PostAsync("/api/keymgmt/create", new { label = "after reboot", type = "ED25519" }, token)).Status.Should().Be(200);

            // Stop the process and start a new one on the same folder: same identity, same passphrases.
            await bridge.DisposeAsync();
            bridge = await BridgeProcess.StartAsync(folder);
            {
                var challenge = (await bridge.GetAsync("/api/auth/token", tls: false)).Json;
                challenge["eid"]!.GetValue<string>().Should().Be(eid);
                challenge["lbl"]!.GetValue<string>().Should().Be("E2E user");
                (await bridge.GetAsync("/api/system/status", token, tls: false)).Status.Should().Be(401, "tokens die with the process");
                var fresh = await client.TokenAsync(bridge, "keymgmt:gen");
                (await bridge.PostAsync("/api/keymgmt/create", new { label = "after restart", type = "AES256" }, fresh)).Status.Should().Be(200);
                (await bridge.GetAsync("/api/auth/init", tls: false)).Status.Should().Be(406, "the configuration survived");
            }
        }
        finally
        {
            // Stopped on failure too: a leaked bridge process would outlive the test run.
            if (bridge is not null)
            {
                await bridge.DisposeAsync();
            }
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Full_keystore_answers_406_over_https()
    {
        var folder = TestBridge.NewDataFolder();
        try
        {
            await using var bridge = await BridgeProcess.StartAsync(folder, "--keystore-slots", "1");
            var eid = (await bridge.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            using var client = PassphraseClient.Derive(eid);
            (await client.ProvisionAsync(bridge)).Status.Should().Be(200);
            var token = await client.TokenAsync(bridge, "keymgmt:gen");

            var first = await bridge.PostAsync("/api/keymgmt/create", new { label = "only slot", type = "AES128" }, token);
            var second = await bridge.PostAsync("/api/keymgmt/create", new { label = "no slot", type = "AES128" }, token);

            first.Status.Should().Be(200);
            second.Status.Should().Be(406);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
