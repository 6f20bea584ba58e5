using System.Formats.Tar;
using FluentAssertions;
using HemSim.Firmware.Upgrade;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Upgrade.UpgradeRig;

namespace HemSim.Firmware.Tests.Upgrade;

/// <summary>The archive rules of a dashboard payload (docs/UPGRADE.md §1); the refusals are in UpgradeDashboardTests.</summary>
[TestClass]
public sealed class DashboardArchiveTests
{
    private static TarEntry File(TarEntryFormat format, string name, int length = 3)
    {
        TarEntry entry = format switch
        {
            TarEntryFormat.Pax => new PaxTarEntry(TarEntryType.RegularFile, name),
            TarEntryFormat.Gnu => new GnuTarEntry(TarEntryType.RegularFile, name),
            _ => new UstarTarEntry(TarEntryType.RegularFile, name),
        };
        entry.DataStream = new MemoryStream(new byte[length]);
        return entry;
    }

    [TestMethod]
    [DataRow(TarEntryFormat.Ustar)]
    [DataRow(TarEntryFormat.Pax)]
    [DataRow(TarEntryFormat.Gnu)]
    public void Accepts_files_and_directories_in_every_tar_format(TarEntryFormat format)
    {
        // A name over 100 bytes needs the pax or GNU long-name records, or the ustar prefix field.
        var longName = "assets/" + new string('a', 120) + "/b.js";
        var tar = TarOf(new UstarTarEntry(TarEntryType.Directory, "assets/"), File(format, "index.html"), File(format, longName));

        DashboardArchive.IsValid(tar).Should().BeTrue();
    }

    [TestMethod]
    public void Accepts_a_pax_global_header_as_git_archive_writes_it()
    {
        var tar = TarOf(new PaxGlobalExtendedAttributesTarEntry(new Dictionary<string, string> { ["comment"] = "0123abcd" }), File(TarEntryFormat.Pax, "index.html"));

        DashboardArchive.IsValid(tar).Should().BeTrue();
    }

    [TestMethod]
    public void Accepts_exactly_16_MiB_unpacked_and_refuses_one_byte_more()
    {
        const int limit = 16 * 1024 * 1024;

        DashboardArchive.IsValid(TarOf(File(TarEntryFormat.Ustar, "a", limit - 1), File(TarEntryFormat.Ustar, "b", 1))).Should().BeTrue();
        DashboardArchive.IsValid(TarOf(File(TarEntryFormat.Ustar, "a", limit), File(TarEntryFormat.Ustar, "b", 1))).Should().BeFalse();
    }

    [TestMethod]
    public void Refuses_an_empty_archive_and_garbage()
    {
        DashboardArchive.IsValid(new byte[1024]).Should().BeFalse("two zero blocks end an archive with no files");
        DashboardArchive.IsValid([]).Should().BeFalse();
        var corrupt = Tar(("index.html", "x"u8.ToArray()));
        corrupt[150] ^= 0xFF;   // inside the header checksum field
        DashboardArchive.IsValid(corrupt).Should().BeFalse();
    }

    [TestMethod]
    [DataRow('L', 1_500_000_000L, DisplayName = "GNU long name claiming 1.5 GB")]
    [DataRow('L', 4_000_000_000L, DisplayName = "GNU long name claiming 4 GB")]
    [DataRow('K', 4_000_000_000L, DisplayName = "GNU long link name claiming 4 GB")]
    [DataRow('x', 4_000_000_000L, DisplayName = "pax header claiming 4 GB")]
    [DataRow('g', 1_500_000_000L, DisplayName = "pax global header claiming 1.5 GB")]
    [DataRow('0', 8_000_000_000L, DisplayName = "file claiming 8 GB")]
    public void Refuses_an_entry_claiming_more_bytes_than_the_archive_holds(char type, long size)
    {
        DashboardArchive.IsValid(CraftedTar.Claiming(type, size)).Should().BeFalse();
    }

    [TestMethod]
    public void Refuses_a_pax_size_record_that_would_part_the_header_walk_from_the_reader()
    {
        TarHeaderScan.IsWithinBounds(CraftedTar.Desynchronised()).Should().BeFalse();
        TarHeaderScan.IsWithinBounds(CraftedTar.PaxRecord("size=0")).Should().BeFalse("a dashboard never needs a pax size");
        TarHeaderScan.IsWithinBounds(CraftedTar.PaxRecord("path=index.html")).Should().BeTrue("other pax records are fine");
    }

    [TestMethod]
    public void Every_crafted_archive_is_refused_without_reserving_more_than_the_archive_holds()
    {
        foreach ((string name, byte[] tar) in CraftedTar.All())
        {
            long before = GC.GetAllocatedBytesForCurrentThread();

            bool valid = DashboardArchive.IsValid(tar);

            valid.Should().BeFalse(name);
            (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1024 * 1024, name);
        }
    }

    [TestMethod]
    public void Refuses_a_metadata_entry_over_64_KiB_even_when_its_bytes_are_there()
    {
        const int size = 64 * 1024 + 1;
        byte[] tar = [.. CraftedTar.Header("././@LongLink", 'L', size), .. new byte[(size + 511) / 512 * 512],
            .. CraftedTar.Header("index.html", '0', 0), .. new byte[1024]];

        DashboardArchive.IsValid(tar).Should().BeFalse();
        TarHeaderScan.IsWithinBounds(tar).Should().BeFalse();
    }

    [TestMethod]
    [DataRow("size=99999999999999999999")]
    [DataRow("uid=999999999999999999999")]
    [DataRow("size=-1")]
    public void Refuses_a_pax_record_the_tar_reader_cannot_take(string record)
    {
        DashboardArchive.IsValid(CraftedTar.PaxRecord(record)).Should().BeFalse();
    }
}
