using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.Logger;

/// <summary>GET /api/logger/list and /api/logger/list/{offset} (spec §15.2).</summary>
[TestClass]
public sealed class LoggerListTests
{
    [TestMethod]
    public void List_names_one_file_per_boot_oldest_first_with_the_current_file_last()
    {
        // Arrange
        using var rig = new LoggerRig();
        rig.Reboot();
        rig.Reboot();

        // Act
        var (ids, total) = rig.List();

        // Assert
        total.Should().Be(3);
        ids.Should().HaveCount(3).And.BeInAscendingOrder(StringComparer.Ordinal).And.OnlyHaveUniqueItems();
        ids.Should().AllSatisfy(id => id.Should().MatchRegex("^[0-9a-f]{8}$"));
        ids[^1].Should().Be(rig.CurrentFile);
        ids.Should().Equal(rig.Device.Core.Flash.ListLogFiles());
    }

    [TestMethod]
    public void List_ids_are_the_power_up_times_in_hex()
    {
        // Arrange
        using var rig = new LoggerRig();
        var first = rig.Device.Now;
        rig.Reboot(TimeSpan.FromSeconds(100));

        // Act
        var (ids, _) = rig.List("/0");

        // Assert
        ids.Should().Equal(first.ToString("x8"), (first + 100).ToString("x8"));
    }

    [TestMethod]
    public void List_without_an_offset_equals_offset_zero()
    {
        // Arrange
        using var rig = new LoggerRig();
        rig.Reboot();

        // Act
        var plain = rig.List();
        var zero = rig.List("/0");

        // Assert
        zero.Ids.Should().Equal(plain.Ids);
        zero.Total.Should().Be(plain.Total);
    }

    [TestMethod]
    public void List_from_an_offset_skips_that_many_files_and_still_counts_all()
    {
        // Arrange
        using var rig = new LoggerRig();
        rig.Reboot();
        rig.Reboot();
        var all = rig.Device.Core.Flash.ListLogFiles();

        // Act
        var (ids, total) = rig.List("/1");

        // Assert
        total.Should().Be(3);
        ids.Should().Equal(all.Skip(1));
    }

    [TestMethod]
    public void List_pages_by_128_and_a_walk_by_total_lists_every_file_once()
    {
        // Arrange: 300 files written into the flash, plus the boot's own.
        using var rig = new LoggerRig();
        rig.WriteOldFiles(300);
        var all = rig.Device.Core.Flash.ListLogFiles();

        // Act: page as [M] does, driven by total.
        var walked = new List<string>();
        var pages = new List<int>();
        int total;
        do
        {
            var page = rig.List("/" + walked.Count);
            total = page.Total;
            pages.Add(page.Ids.Count);
            walked.AddRange(page.Ids);
        }
        while (walked.Count < total);

        // Assert
        total.Should().Be(301);
        pages.Should().Equal(128, 128, 45);
        walked.Should().Equal(all);
        walked[^1].Should().Be(rig.CurrentFile);
        rig.List().Ids.Should().Equal(all.Take(128));
    }

    [TestMethod]
    public void List_logs_LOGGER_LIST_LOG_OK_with_the_role()
    {
        // Arrange
        using var rig = new LoggerRig();
        var token = rig.Token;
        var before = rig.Device.AuditLines().Count;

        // Act
        rig.Device.Get("/api/logger/list", token).Status.Should().Be(200);

        // Assert
        var lines = rig.Device.AuditLines();
        lines.Should().HaveCount(before + 1);
        (lines[^1].Type, lines[^1].Result, lines[^1].Subject, lines[^1].Data)
            .Should().Be((LoggerRig.LoggerListLog, LoggerRig.Ok, "U", ""));
    }

    [TestMethod]
    [DataRow("/1")]
    [DataRow("/2")]
    [DataRow("/99999999999999999999")]
    public void List_past_the_last_file_answers_404_and_logs_LOGGER_LIST_LOG_FAILED(string suffix)
    {
        // Arrange: a device that has booted once holds one file, at offset 0.
        using var rig = new LoggerRig();
        var token = rig.Token;
        var before = rig.Device.AuditLines().Count;

        // Act
        var response = rig.Device.Get("/api/logger/list" + suffix, token);

        // Assert
        response.Status.Should().Be(404);
        response.Body.Should().BeEmpty();
        var lines = rig.Device.AuditLines();
        lines.Should().HaveCount(before + 1);
        (lines[^1].Type, lines[^1].Result, lines[^1].Subject).Should().Be((LoggerRig.LoggerListLog, LoggerRig.Failed, "U"));
    }

    [TestMethod]
    [DataRow("abc")]
    [DataRow("-1")]
    [DataRow("+1")]
    [DataRow("1.5")]
    [DataRow("0x10")]
    [DataRow("1e2")]
    [DataRow("%31")]
    public void List_answers_406_to_an_offset_that_is_not_decimal_digits_and_writes_nothing(string offset)
    {
        // Arrange
        using var rig = new LoggerRig();
        var token = rig.Token;
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Get("/api/logger/list/" + offset, token);

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }
}
