using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Diag.DiagRig;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>
/// Records that failed the integrity check (DIAG <c>corrupt_repo</c>, spec §16 G8): the list envelope counts them in
/// <c>deleted</c> ("deleted/invalid records met during the scan", §12.2) and never in <c>total</c> (valid records).
/// </summary>
public sealed partial class KeyMgmtListTests
{
    [TestMethod]
    public void Invalid_records_count_in_deleted_not_in_total_matching_repo_stats()
    {
        // Arrange: four keys, one deleted, one corrupted.
        using var device = Provisioned();
        var gen = device.Login("keymgmt:gen");
        var list = device.Login("keymgmt:list");
        var config = device.Login("system:config");
        var kept = Create(device, gen, label: "kept");
        var victim = Create(device, gen, label: "victim");
        var gone = Create(device, gen, label: "gone");
        var other = Create(device, gen, label: "other");
        var delete = new ApiRequest("DELETE", "/api/keymgmt/delete/" + gone, true, []) { Authorization = "Bearer " + device.Login("keymgmt:del") };
        device.Send(delete).Status.Should().Be(200);
        var (addr, _) = Where(List(device, list), victim);
        device.Get($"/api/diag/corrupt_repo/{addr}", tls: false).Status.Should().Be(200);

        // Act: list before the self-test, which latches the integrity fault (then list answers 409, §20).
        var response = device.Get("/api/keymgmt/list", list);
        var stats = RunSelfTest(device, config)["repo_stats"]!;

        // Assert
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json["total"]!.GetValue<int>().Should().Be(2, "only valid records count in total (§12.2)");
        json["deleted"]!.GetValue<int>().Should().Be(2, "one deleted and one invalid record are met during the scan");
        json["listed"]!.GetValue<int>().Should().Be(2);
        json["list"]!.AsArray().Select(k => k!["kid"]!.GetValue<string>()).Should().Equal(kept, other);
        stats["invalid"]!.GetValue<int>().Should().Be(1);
        json["deleted"]!.GetValue<int>().Should().Be(stats["deleted"]!.GetValue<int>() + stats["invalid"]!.GetValue<int>());
    }

    [TestMethod]
    public void Invalid_record_counts_in_deleted_on_every_page()
    {
        // Arrange
        using var device = Provisioned();
        var gen = device.Login("keymgmt:gen");
        var list = device.Login("keymgmt:list");
        var victim = Create(device, gen);
        Create(device, gen);
        var (addr, _) = Where(List(device, list), victim);
        device.Get($"/api/diag/corrupt_repo/{addr}", tls: false).Status.Should().Be(200);

        // Act
        var first = TestDevice.Json(device.Get("/api/keymgmt/list/0/1", list));
        var past = TestDevice.Json(device.Get("/api/keymgmt/list/5/1", list));

        // Assert
        foreach (var page in new[] { first, past })
        {
            page["total"]!.GetValue<int>().Should().Be(1);
            page["deleted"]!.GetValue<int>().Should().Be(1);
        }
    }
}
