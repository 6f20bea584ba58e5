using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>
/// GET /api/keymgmt/list: paging with <c>offset += listed</c> until <c>offset ≥ total</c>, as [T] and [P]
/// page (spec §12.2), over keystores shaped by random create/delete sequences.
/// </summary>
public sealed partial class KeyMgmtListTests
{
    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 24).Select(seed => new object[] { seed });

    [TestMethod]
    [DynamicData(nameof(Seeds))]
    public void Paged_walk_lists_every_live_key_once_in_slot_order_after_random_creates_and_deletes(int seed)
    {
        // Arrange: a small keystore, so sequences fill it and creates reuse the slots of deleted keys.
        var random = new Random(seed);
        using var rig = new Rig(new HemDeviceOptions { KeystoreSlots = 20 });
        var live = new HashSet<string>(StringComparer.Ordinal);
        var steps = random.Next(0, 60);
        for (var step = 0; step < steps; step++)
        {
            if (live.Count > 0 && random.Next(100) < 40)
            {
                var victim = live.ElementAt(random.Next(live.Count));
                rig.Delete(victim);
                live.Remove(victim);
            }
            else if (live.Count < rig.Keys.Capacity)
            {
                var descr = random.Next(2) == 0 ? null : new byte[random.Next(1, 65)];
                live.Add(rig.Create(descr: descr));
            }
        }
        var count = random.Next(0, 4) switch
        {
            0 => "",
            1 => "/" + random.Next(1, 15),
            2 => "/" + random.Next(16, 100),
            _ => "/15",
        };

        // Act
        var walked = Walk(rig, count);

        // Assert
        walked.Should().Equal(rig.LiveKidsInSlotOrder(), $"seed {seed} with count '{count}'");
        walked.Should().BeEquivalentTo(live);
    }

    [TestMethod]
    public void Paged_walk_lists_every_other_key_once_when_a_key_not_yet_listed_is_deleted_between_pages()
    {
        // Arrange
        using var rig = new Rig();
        var kids = Enumerable.Range(0, 10).Select(_ => rig.Create()).ToList();
        var walked = new List<string>();

        // Act: page 1 lists kids[0..3); kids[6] is deleted before page 2.
        var first = rig.List("/0/3");
        walked.AddRange(Rig.Kids(first));
        rig.Delete(kids[6]);
        walked.AddRange(Walk(rig, "/3", startOffset: 3));

        // Assert
        walked.Should().Equal(kids.Where((_, i) => i != 6));
    }

    [TestMethod]
    public void Paged_walk_never_repeats_a_key_but_passes_over_one_per_listed_key_deleted_between_pages()
    {
        // Arrange
        using var rig = new Rig();
        var kids = Enumerable.Range(0, 10).Select(_ => rig.Create()).ToList();
        var walked = new List<string>();

        // Act: page 1 lists kids[0..3); kids[1] (already listed) is deleted before page 2.
        walked.AddRange(Rig.Kids(rig.List("/0/3")));
        rig.Delete(kids[1]);
        walked.AddRange(Walk(rig, "/3", startOffset: 3));

        // Assert: offset counts valid records (§12.3), so kids[3] moved to position 2, behind the walk.
        walked.Should().OnlyHaveUniqueItems();
        walked.Should().Equal(kids.Where((_, i) => i != 3));
    }

    [TestMethod]
    public void Paged_walk_that_subtracts_its_own_deletions_from_the_offset_reaches_every_key()
    {
        // Arrange: a client deleting every key with an odd position as it pages (spec §12.3 offset semantics).
        using var rig = new Rig();
        var kids = Enumerable.Range(0, 20).Select(_ => rig.Create()).ToList();
        var seen = new List<string>();
        var offset = 0L;

        // Act
        while (true)
        {
            var page = rig.List($"/{offset}/4");
            var json = TestDevice.Json(page);
            var listed = Rig.Kids(page);
            seen.AddRange(listed);
            var deletedNow = 0;
            foreach (var kid in listed.Where(k => kids.IndexOf(k) % 2 == 1))
            {
                rig.Delete(kid);
                deletedNow++;
            }
            offset += listed.Count - deletedNow;
            if (listed.Count == 0 || offset >= json["total"]!.GetValue<long>() - deletedNow)
            {
                break;
            }
        }

        // Assert
        seen.Should().Equal(kids);
        rig.LiveKidsInSlotOrder().Should().Equal(kids.Where((_, i) => i % 2 == 0));
    }

    /// <summary>Pages as [T] and [P] do: <c>offset += listed</c> until <c>offset ≥ total</c> or an empty page.</summary>
    private static List<string> Walk(Rig rig, string count, long startOffset = 0)
    {
        var kids = new List<string>();
        var offset = startOffset;
        for (var pages = 0; pages < 1000; pages++)
        {
            // `count` is "" (default page size) or "/N"; the first page of a default walk uses the bare path.
            var response = rig.List(count.Length == 0 && offset == 0 ? "" : $"/{offset}{count}");
            response.Status.Should().Be(200);
            var json = TestDevice.Json(response);
            json["offset"]!.GetValue<long>().Should().Be(offset);
            var listed = json["listed"]!.GetValue<int>();
            var page = Rig.Kids(response);
            page.Should().HaveCount(listed);
            json["total"]!.GetValue<long>().Should().Be(rig.Keys.Total);
            json["deleted"]!.GetValue<long>().Should().Be(rig.DeletedInFlash());
            kids.AddRange(page);
            offset += listed;
            if (listed == 0 || offset >= json["total"]!.GetValue<long>())
            {
                return kids;
            }
        }
        throw new InvalidOperationException("The walk did not end.");
    }
}
