using System.Globalization;
using FluentAssertions;
using HemSim.Firmware.Flash;
using HemSim.TestKit;
using LiteDB;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Flash;

/// <summary>The audit log of <see cref="LiteDbFlash"/>: journal, moves into LiteDB, crash recovery.</summary>
[TestClass]
public sealed class LiteDbFlashAuditTests
{
    private static string Hex(long value) => value.ToString("x", CultureInfo.InvariantCulture);

    [TestMethod]
    public void Lines_of_several_files_read_back_in_order_after_moves_and_reopening()
    {
        // Arrange
        using var folder = new TempFolder();
        var path = folder.File("flash.db");
        var expected = new Dictionary<string, List<string>> { ["00000001"] = [], ["00000002"] = [], ["00000003"] = [] };

        // Act: 30 lines interleaved over three files, moved into LiteDB every 4 lines.
        using (var flash = LiteDbFlash.Open(path, journalThreshold: 4))
        {
            for (var i = 0; i < 30; i++)
            {
                var fileId = expected.Keys.ElementAt(i % 3);
                var line = fileId + "|" + Hex(i);
                flash.AppendLogLine(fileId, expected[fileId].Count, line);
                expected[fileId].Add(line);
            }
            flash.ListLogFiles().Should().Equal("00000001", "00000002", "00000003");
            flash.AppendLogLine("00000003", expected["00000003"].Count, "last");
            expected["00000003"].Add("last");
        }
        using var reopened = LiteDbFlash.Open(path, journalThreshold: 4);

        // Assert
        reopened.ListLogFiles().Should().Equal("00000001", "00000002", "00000003");
        foreach (var (fileId, lines) in expected)
        {
            reopened.ReadLogFile(fileId).Should().Equal(lines);
        }
        File.Exists(LiteDbFlash.JournalPath(path)).Should().BeTrue("the open flash keeps its journal");
    }

    [TestMethod]
    public void Closed_flash_leaves_no_journal_behind()
    {
        // Arrange
        using var folder = new TempFolder();
        var path = folder.File("flash.db");

        // Act
        using (var flash = LiteDbFlash.Open(path))
        {
            flash.AppendLogLine("00000001", 0, "a0");
        }

        // Assert
        File.Exists(LiteDbFlash.JournalPath(path)).Should().BeFalse();
        using var reopened = LiteDbFlash.Open(path);
        reopened.ReadLogFile("00000001").Should().Equal("a0");
    }

    [TestMethod]
    public void Every_appended_line_survives_a_crash_right_after_its_append()
    {
        // Arrange: 10 lines, moved every 4, so 8 are in LiteDB and 2 only in the journal.
        using var folder = new TempFolder();
        using var flash = LiteDbFlash.Open(folder.File("flash.db"), journalThreshold: 4);
        for (var i = 0; i < 10; i++)
        {
            flash.AppendLogLine(i < 6 ? "00000001" : "00000002", i, "line " + i);
        }

        // Act: a kill -9 leaves exactly the files as they are now; the copy is what the next start finds.
        var crashed = CopyFolder(folder, "crashed");
        new FileInfo(LiteDbFlash.JournalPath(crashed)).Length.Should().BePositive("two lines wait in the journal");
        using var recovered = LiteDbFlash.Open(crashed);

        // Assert
        recovered.ListLogFiles().Should().Equal("00000001", "00000002");
        recovered.ReadLogFile("00000001").Should().Equal("line 0", "line 1", "line 2", "line 3", "line 4", "line 5");
        recovered.ReadLogFile("00000002").Should().Equal("line 6", "line 7", "line 8", "line 9");
    }

    [TestMethod]
    public void Torn_last_journal_record_is_dropped_and_the_rest_is_recovered()
    {
        // Arrange: a power loss in the middle of the third record's write.
        using var folder = new TempFolder();
        var path = folder.File("flash.db");
        using (var flash = LiteDbFlash.Open(path))
        {
            flash.AppendLogLine("00000001", 0, "older");
        }
        File.WriteAllText(LiteDbFlash.JournalPath(path), "00000002\t0\ta0\n00000002\t1\ta1\n00000002\t2\ta2-t");

        // Act
        using (var recovered = LiteDbFlash.Open(path))
        {
            recovered.AppendLogLine("00000002", 2, "a2");
        }
        using var reopened = LiteDbFlash.Open(path);

        // Assert
        reopened.ReadLogFile("00000001").Should().Equal("older");
        reopened.ReadLogFile("00000002").Should().Equal("a0", "a1", "a2");
    }

    [TestMethod]
    public void Recovery_does_not_duplicate_lines_that_were_moved_before_the_crash()
    {
        // Arrange: keep the journal as it was before a move, then let the move commit.
        using var folder = new TempFolder();
        var path = folder.File("flash.db");
        using var flash = LiteDbFlash.Open(path);
        flash.AppendLogLine("00000001", 0, "a0");
        flash.AppendLogLine("00000001", 1, "a1");
        flash.AppendLogLine("00000002", 0, "b0");
        var journalBeforeMove = ReadShared(LiteDbFlash.JournalPath(path));
        flash.ReadLogFile("00000001").Should().Equal("a0", "a1");

        // Act: a crash between the LiteDB commit and the clearing of the journal.
        var crashed = CopyFolder(folder, "crashed");
        File.WriteAllBytes(LiteDbFlash.JournalPath(crashed), journalBeforeMove);
        using (var recovered = LiteDbFlash.Open(crashed))
        {
            recovered.AppendLogLine("00000002", 1, "b1");
        }
        using var reopened = LiteDbFlash.Open(crashed);

        // Assert
        reopened.ReadLogFile("00000001").Should().Equal("a0", "a1");
        reopened.ReadLogFile("00000002").Should().Equal("b0", "b1");
    }

    [TestMethod]
    public void Snapshot_holds_the_lines_still_in_the_journal()
    {
        // Arrange
        using var folder = new TempFolder();
        using var flash = LiteDbFlash.Open(folder.File("flash.db"));
        flash.AppendLogLine("00000001", 0, "a0");
        flash.AppendLogLine("00000001", 1, "a1");
        flash.AppendLogLine("00000002", 0, "b0");

        // Act
        var image = flash.Snapshot();

        // Assert: the image alone, read with LiteDB in memory, holds every line.
        LogInImage(image).Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["00000001"] = ["a0", "a1"],
            ["00000002"] = ["b0"],
        });
    }

    [TestMethod]
    public void Moves_at_the_threshold_keep_sequence_order()
    {
        // Arrange
        using var folder = new TempFolder();
        var path = folder.File("flash.db");
        using var flash = LiteDbFlash.Open(path, journalThreshold: 3);
        var journal = new FileInfo(LiteDbFlash.JournalPath(path));

        // Act: sequences descending, so every moved chunk starts after the lines of the next one.
        flash.AppendLogLine("00000001", 9, "9");
        flash.AppendLogLine("00000001", 8, "8");
        flash.AppendLogLine("00000001", 7, "7");
        journal.Refresh();
        var lengthAfterThirdLine = journal.Length;
        foreach (var seq in Enumerable.Range(0, 7).Reverse())
        {
            flash.AppendLogLine("00000001", seq, Hex(seq));
        }

        // Assert
        lengthAfterThirdLine.Should().Be(0, "the third line triggers a move");
        flash.ReadLogFile("00000001").Should().Equal("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    [TestMethod]
    public void Flash_file_with_one_document_per_line_from_before_the_journal_still_reads()
    {
        // Arrange: the layout of the earlier version — ObjectId ids, one line each, stored out of order.
        using var folder = new TempFolder();
        var path = folder.File("flash.db");
        using (var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            var log = db.GetCollection("auditlog");
            log.EnsureIndex("file");
            foreach (var (file, seq) in new[] { ("00000001", 1L), ("00000001", 0L), ("00000002", 0L), ("00000001", 2L) })
            {
                log.Insert(new BsonDocument { ["file"] = file, ["seq"] = seq, ["line"] = file + "/" + Hex(seq) });
            }
        }

        // Act
        using (var flash = LiteDbFlash.Open(path))
        {
            flash.AppendLogLine("00000002", 1, "00000002/1");
            flash.AppendLogLine("00000003", 0, "00000003/0");
        }
        using var reopened = LiteDbFlash.Open(path);

        // Assert
        reopened.ListLogFiles().Should().Equal("00000001", "00000002", "00000003");
        reopened.ReadLogFile("00000001").Should().Equal("00000001/0", "00000001/1", "00000001/2");
        reopened.ReadLogFile("00000002").Should().Equal("00000002/0", "00000002/1");
        reopened.ReadLogFile("00000003").Should().Equal("00000003/0");
    }

    [TestMethod]
    [DataRow("a\tb")]
    [DataRow("a\nb")]
    public void Append_rejects_a_line_that_would_break_the_journal_framing_and_writes_nothing(string line)
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();

        // Act
        var append = () => flash.AppendLogLine("00000001", 0, line);

        // Assert
        append.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("line");
        flash.ListLogFiles().Should().BeEmpty();
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Reader_on_another_thread_always_sees_a_whole_prefix_of_the_log()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory(journalThreshold: 16);
        const int Lines = 2000;

        // Act
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < Lines; i++)
            {
                flash.AppendLogLine("00000001", i, Hex(i));
            }
        });
        var reads = new List<IReadOnlyList<string>>();
        while (!writer.IsCompleted)
        {
            reads.Add(flash.ReadLogFile("00000001"));
        }
        await writer;

        // Assert
        foreach (var read in reads)
        {
            read.Should().Equal(Enumerable.Range(0, read.Count).Select(i => Hex(i)));
        }
        flash.ReadLogFile("00000001").Should().HaveCount(Lines);
    }

    /// <summary>Copies every file of the data folder, as the next start after a crash would find it.</summary>
    private static string CopyFolder(TempFolder folder, string name)
    {
        var target = folder.Combine(name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(folder.Path))
        {
            File.WriteAllBytes(Path.Combine(target, Path.GetFileName(file)), ReadShared(file));
        }
        return Path.Combine(target, "flash.db");
    }

    private static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[file.Length];
        file.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The log of a flash image, read with LiteDB alone: both document layouts, lines in sequence order.</summary>
    private static Dictionary<string, string[]> LogInImage(byte[] image)
    {
        using var stream = new MemoryStream();
        stream.Write(image);
        using var db = new LiteDatabase(stream);
        return db.GetCollection("auditlog").FindAll()
            .SelectMany(d => d.TryGetValue("lines", out var lines)
                ? d["seqs"].AsArray.Zip(lines.AsArray, (s, l) => (File: d["file"].AsString, Seq: s.AsInt64, Line: l.AsString))
                : [(File: d["file"].AsString, Seq: d["seq"].AsInt64, Line: d["line"].AsString)])
            .GroupBy(x => x.File)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.Seq).Select(x => x.Line).ToArray());
    }
}
