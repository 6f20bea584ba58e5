using FluentAssertions;
using HemSim.HostBridge.Tests.Hosting;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// An EPA rack (<c>--variant epa --chips N</c>) through the real bridge process: each chip is addressed by host name
/// <c>c&lt;i&gt;.…</c> and is an independent device — flash, identity, keystore, tokens and power state of its own.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class EpaRackEndToEndTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Two_EPA_chips_do_not_share_any_state()
    {
        var folder = TestBridge.NewDataFolder();
        try
        {
            // Arrange
            await using var bridge = await BridgeProcess.StartAsync(folder, "--variant", "epa", "--chips", "2", "--power-on-delay", "off");
            IBridgeEndpoint chip1 = bridge.Chip(1), chip2 = bridge.Chip(2);
            var eid1 = (await chip1.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            var eid2 = (await chip2.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            using var client1 = PassphraseClient.Derive(eid1);

            // Act 1: provision chip 1 only
            (await client1.ProvisionAsync(chip1)).Status.Should().Be(200);

            // Assert 1: different identities; chip 2 is still factory-new
            eid2.Should().NotBe(eid1);
            (await chip1.GetAsync("/api/system/status", tls: false)).Json.ContainsKey("inited").Should().BeFalse();
            (await chip2.GetAsync("/api/system/status", tls: false)).Json.ContainsKey("inited").Should().BeTrue("chip 2 was never provisioned");
            (await chip2.GetAsync("/api/auth/init", tls: false)).Status.Should().Be(200, "chip 2 still offers provisioning");
            (await chip2.GetAsync("/api/system/status", tls: false)).Json["hostname"]!.GetValue<string>().Should().Be("c2.my.ence.do",
                "a fresh chip names itself c<i>.<--hostname>, so a client that switches to that name (the vendor tester) stays on it");

            // Act 2: provision chip 2 too, create a key on chip 1
            using var client2 = PassphraseClient.Derive(eid2);
            (await client2.ProvisionAsync(chip2)).Status.Should().Be(200);
            var gen1 = await client1.TokenAsync(chip1, "keymgmt:gen");
            (await chip1.PostAsync("/api/keymgmt/create", new { label = "chip one only", type = "ED25519" }, gen1)).Status.Should().Be(200);

            // Assert 2: the key is listed on chip 1 only; device serials differ; a token of one chip is nothing to the other
            var list1 = await chip1.GetAsync("/api/keymgmt/list", await client1.TokenAsync(chip1, "keymgmt:list"));
            var list2 = await chip2.GetAsync("/api/keymgmt/list", await client2.TokenAsync(chip2, "keymgmt:list"));
            list1.Body.Should().Contain("chip one only");
            list2.Status.Should().Be(200);
            list2.Body.Should().NotContain("chip one only");
            var config1 = await client1.TokenAsync(chip1, "system:config");
            var config2 = await client2.TokenAsync(chip2, "system:config");
            var devid1 = (await chip1.GetAsync("/api/system/config", config1, tls: false)).Json["devid"]!.GetValue<string>();
            var devid2 = (await chip2.GetAsync("/api/system/config", config2, tls: false)).Json["devid"]!.GetValue<string>();
            devid2.Should().NotBe(devid1);
            (await chip2.GetAsync("/api/system/config", config1, tls: false)).Status.Should().Be(401, "chip 2 did not sign chip 1's token");

            // Act 3: reboot chip 2, then shut chip 1 down
            (await chip2.GetAsync("/api/system/reboot", config2, tls: false)).Status.Should().Be(200);
            var config2After = await client2.TokenAsync(chip2, "system:config");
            (await chip1.GetAsync("/api/system/status", config1, tls: false)).Status.Should().Be(200, "rebooting chip 2 leaves chip 1's tokens valid");
            (await chip1.GetAsync("/api/system/shutdown", config1, tls: false)).Status.Should().Be(200);

            // Assert 3: chip 1 is off alone
            (await chip1.GetAsync("/api/system/status", tls: false)).Status.Should().Be(503);
            (await chip2.GetAsync("/api/system/status", config2After, tls: false)).Status.Should().Be(200, "chip 2 is powered on");
            (await chip2.GetAsync("/api/system/status", config2, tls: false)).Status.Should().Be(401, "chip 2's reboot ended its own old tokens");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Each_chip_keeps_its_flash_in_its_own_folder_across_a_restart()
    {
        var folder = TestBridge.NewDataFolder();
        BridgeProcess? bridge = null;
        try
        {
            // Arrange: a rack of 3, chip 3 provisioned
            bridge = await BridgeProcess.StartAsync(folder, "--variant", "epa", "--chips", "3");
            var eids = new List<string>();
            for (int chip = 1; chip <= 3; chip++)
            {
                eids.Add((await bridge.Chip(chip).GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>());
            }
            using var client = PassphraseClient.Derive(eids[2]);
            (await client.ProvisionAsync(bridge.Chip(3))).Status.Should().Be(200);

            // Act: restart on the same folder
            await bridge.DisposeAsync();
            bridge = await BridgeProcess.StartAsync(folder, "--variant", "epa", "--chips", "3");

            // Assert: c1…c3 hold one flash each, the CA stays at the top; identities and chip 3's configuration survived
            Directory.GetDirectories(folder).Select(Path.GetFileName).Should().BeEquivalentTo("c1", "c2", "c3");
            File.Exists(Path.Combine(folder, "ca.pem")).Should().BeTrue();
            File.Exists(Path.Combine(folder, "flash.db")).Should().BeFalse("a rack keeps no device at the top");
            eids.Distinct().Should().HaveCount(3);
            (await bridge.Chip(1).GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>().Should().Be(eids[0]);
            (await bridge.Chip(2).GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>().Should().Be(eids[1]);
            (await bridge.Chip(3).GetAsync("/api/auth/init", tls: false)).Status.Should().Be(406, "chip 3's configuration survived");
            (await client.TokenAsync(bridge.Chip(3), "system:config")).Should().NotBeEmpty();
        }
        finally
        {
            if (bridge is not null)
            {
                await bridge.DisposeAsync();
            }
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Chips_of_a_seeded_rack_make_different_identities_the_same_way_every_time()
    {
        var first = TestBridge.NewDataFolder();
        var second = TestBridge.NewDataFolder();
        try
        {
            string[] args = ["--variant", "epa", "--chips", "2", "--seed", "0123456789abcdef"];
            var eids = new List<string>();
            foreach (var folder in new[] { first, second })
            {
                await using var bridge = await BridgeProcess.StartAsync(folder, args);
                eids.Add((await bridge.Chip(1).GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>());
                eids.Add((await bridge.Chip(2).GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>());
            }

            eids[0].Should().NotBe(eids[1], "each chip gets its own seed derived from --seed");
            eids[2].Should().Be(eids[0], "the same seed makes the same chip 1");
            eids[3].Should().Be(eids[1], "the same seed makes the same chip 2");
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Rack_answers_421_to_a_request_that_names_no_chip_and_404_on_MSC_endpoints()
    {
        var folder = TestBridge.NewDataFolder();
        try
        {
            await using var bridge = await BridgeProcess.StartAsync(folder, "--variant", "epa", "--chips", "2");

            var unnamed = await bridge.GetAsync("/api/system/status", tls: false);
            var past = await bridge.Chip(3).GetAsync("/api/system/status", tls: false);

            unnamed.Status.Should().Be(421);
            unnamed.Body.Should().Contain("c1.my.ence.do").And.Contain("c2.my.ence.do");
            past.Status.Should().Be(421);
            var chip2 = bridge.Chip(2);
            (await chip2.GetAsync("/api/system/version", tls: false)).Json["hwv"]!.GetValue<string>().Should().Contain("EPA");
            (await chip2.GetAsync("/api/storage/lock", tls: false)).Status.Should().Be(404);
            (await chip2.GetAsync("/api/system/config/attestation", tls: false)).Status.Should().Be(404);
            (await chip2.PostAsync("/api/system/config/provisioning", new { }, tls: false)).Status.Should().Be(404);
            (await chip2.GetAsync("/api/logger/list", tls: false)).Status.Should().Be(404);
            (await chip2.GetAsync("/api/system/upgrade/check_fw", tls: false)).Status.Should().Be(404);
            (await chip2.PostAsync("/api/system/upgrade/upload_fw", new { }, tls: false)).Status.Should().Be(404);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
