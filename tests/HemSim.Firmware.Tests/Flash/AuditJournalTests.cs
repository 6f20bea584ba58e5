using System.Text;
using FluentAssertions;
using HemSim.Firmware.Flash;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Flash;

[TestClass]
public sealed class AuditJournalTests
{
    [TestMethod]
    public void Journal_writes_one_tab_separated_record_per_line()
    {
        // Arrange
        using var folder = new TempFolder();
        var path = folder.File("j");
        using var journal = AuditJournal.Open(path);

        // Act
        journal.Append("0000000a", 0, "0|1|0|0|||mac");
        journal.Append("0000000a", 26, "1a|2|5|0|U||mac");

        // Assert: the on-disk format (fileId TAB sequence-in-hex TAB line LF) is read back by old and new
        // versions alike, so it is pinned here.
        Encoding.UTF8.GetString(ReadShared(path)).Should().Be("0000000a\t0\t0|1|0|0|||mac\n0000000a\t1a\t1a|2|5|0|U||mac\n");
        journal.Pending.Should().Equal(new AuditRecord("0000000a", 0, "0|1|0|0|||mac"), new AuditRecord("0000000a", 26, "1a|2|5|0|U||mac"));
    }

    [TestMethod]
    [DataRow("0000000a", "a\tb", "line")]
    [DataRow("0000000a", "a\nb", "line")]
    [DataRow("00\t0000a", "line", "fileId")]
    [DataRow("00\n0000a", "line", "fileId")]
    public void Journal_rejects_a_field_that_would_break_the_framing_and_writes_nothing(string fileId, string line, string parameter)
    {
        // Arrange
        using var folder = new TempFolder();
        var path = folder.File("j");
        using var journal = AuditJournal.Open(path);

        // Act
        var append = () => journal.Append(fileId, 0, line);

        // Assert
        append.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(parameter);
        journal.Pending.Should().BeEmpty();
        new FileInfo(path).Length.Should().Be(0);
    }

    [TestMethod]
    public void Parse_drops_a_torn_last_record_and_skips_a_garbled_one()
    {
        // Arrange: a power loss can leave a record without its terminator, or a block of zeros.
        var image = Encoding.UTF8.GetBytes("f\t0\ta0\n\0\0\0\nf\tzz\tbad\nf\t1\ta1\nf\t2\ta");

        // Act
        var records = AuditJournal.Parse(image, out var intactLength);

        // Assert
        records.Should().Equal(new AuditRecord("f", 0, "a0"), new AuditRecord("f", 1, "a1"));
        intactLength.Should().Be(image.Length - "f\t2\ta".Length);
    }

    [TestMethod]
    public void Reopened_journal_recovers_its_records_and_appends_after_a_clean_cut()
    {
        // Arrange
        using var folder = new TempFolder();
        var path = folder.File("j");
        File.WriteAllText(path, "f\t0\ta0\nf\t1\ta1\nf\t2\ta2-to");

        // Act
        using (var journal = AuditJournal.Open(path))
        {
            journal.Pending.Select(r => r.Line).Should().Equal("a0", "a1");
            journal.Append("f", 2, "a2");
        }
        using var reopened = AuditJournal.Open(path);

        // Assert
        reopened.Pending.Select(r => r.Line).Should().Equal("a0", "a1", "a2");
    }

    [TestMethod]
    public void Cleared_journal_is_empty_and_its_file_is_deleted_on_dispose()
    {
        // Arrange
        using var folder = new TempFolder();
        var path = folder.File("j");
        var journal = AuditJournal.Open(path);
        journal.Append("f", 0, "a0");

        // Act
        journal.Clear();
        var lengthAfterClear = new FileInfo(path).Length;
        journal.Dispose();

        // Assert
        lengthAfterClear.Should().Be(0);
        journal.Pending.Should().BeEmpty();
        File.Exists(path).Should().BeFalse();
    }

    [TestMethod]
    public void Journal_holding_records_is_kept_on_dispose()
    {
        // Arrange
        using var folder = new TempFolder();
        var path = folder.File("j");
        var journal = AuditJournal.Open(path);
        journal.Append("f", 0, "a0");

        // Act
        journal.Dispose();

        // Assert
        File.ReadAllText(path).Should().Be("f\t0\ta0\n");
    }

    private static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[file.Length];
        file.ReadExactly(bytes);
        return bytes;
    }
}
