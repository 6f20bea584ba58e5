using FluentAssertions;
using HemSim.HostBridge.Tests.Hosting;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// Storage lock/unlock through the real bridge process (spec §14): the vendor tester's test_12 flow. The disk and
/// the write access come from the token's scope; <c>status.storage</c> shows the change at once.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class StorageEndToEndTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Unlock_with_rw_scopes_exposes_both_disks_rw_and_lock_hides_them()
    {
        var folder = TestBridge.NewDataFolder();
        try
        {
            // Arrange
            await using var bridge = await BridgeProcess.StartAsync(folder);
            var eid = (await bridge.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            using var client = PassphraseClient.Derive(eid);
            (await client.ProvisionAsync(bridge)).Status.Should().Be(200);
            var disk0 = await client.TokenAsync(bridge, "storage:disk0:rw");
            var disk1 = await client.TokenAsync(bridge, "storage:disk1:rw");

            // Act
            var unlock0 = await bridge.GetAsync("/api/storage/unlock", disk0);
            var unlock1 = await bridge.GetAsync("/api/storage/unlock", disk1);
            var unlocked = await StorageModesAsync(bridge);
            var lock0 = await bridge.GetAsync("/api/storage/lock", disk0);
            var lock1 = await bridge.GetAsync("/api/storage/lock", disk1);
            var locked = await StorageModesAsync(bridge);

            // Assert
            foreach (var reply in new[] { unlock0, unlock1, lock0, lock1 })
            {
                reply.Status.Should().Be(200);
                reply.Body.Should().BeEmpty();
            }
            unlocked.Should().Equal("rw", "rw");
            locked.Should().Equal("-", "-");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The mode part of each <c>"&lt;sectors&gt;:&lt;mode&gt;"</c> in <c>status.storage</c>.</summary>
    private static async Task<IReadOnlyList<string>> StorageModesAsync(BridgeProcess bridge)
    {
        var status = await bridge.GetAsync("/api/system/status", tls: false);
        status.Status.Should().Be(200);
        return status.Json["storage"]!.AsArray().Select(entry => entry!.GetValue<string>().Split(':')[1]).ToList();
    }
}
