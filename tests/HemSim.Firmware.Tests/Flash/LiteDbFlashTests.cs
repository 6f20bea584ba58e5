using FluentAssertions;
using HemSim.Firmware.Flash;
using HemSim.Firmware.Platform;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Flash;

[TestClass]
public sealed class LiteDbFlashTests
{
    private static KeySlotRecord Record(int slot, byte fill = 1) => new()
    {
        Slot = slot,
        State = SlotState.Used,
        Kid = Enumerable.Repeat(fill, 16).ToArray(),
        KeyType = 17,
        Flags = 3,
        Label = "label " + slot,
        Descr = [0x00, 0xFF, fill],
        Created = 1_764_000_000 + slot,
        Updated = 1_764_000_100 + slot,
        PublicKey = [],
        SealedSecret = Enumerable.Repeat((byte)(fill + 1), 60).ToArray(),
    };

    [TestMethod]
    public void Flash_round_trips_a_blob_and_answers_null_for_a_missing_one()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();

        // Act
        flash.WriteBlob("config", [1, 2, 3]);
        flash.WriteBlob("config", [4, 5]);

        // Assert
        flash.ReadBlob("config").Should().Equal(4, 5);
        flash.ReadBlob("missing").Should().BeNull();
    }

    [TestMethod]
    public void Flash_deletes_a_blob()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        flash.WriteBlob("a", [1]);

        // Act
        flash.DeleteBlob("a");
        flash.DeleteBlob("never-written");

        // Assert
        flash.ReadBlob("a").Should().BeNull();
    }

    [TestMethod]
    public void Flash_round_trips_slots_in_slot_order_and_replaces_a_rewritten_slot()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        flash.WriteSlot(Record(2));
        flash.WriteSlot(Record(0));
        var replacement = Record(2, fill: 9) with { State = SlotState.Deleted };

        // Act
        flash.WriteSlot(replacement);
        var slots = flash.ReadSlots();

        // Assert
        slots.Select(r => r.Slot).Should().Equal(0, 2);
        slots[0].Should().BeEquivalentTo(Record(0));
        slots[1].Should().BeEquivalentTo(replacement);
    }

    [TestMethod]
    public void Flash_keeps_log_lines_in_sequence_order_per_file()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();

        // Act
        flash.AppendLogLine("00000002", 0, "b0");
        flash.AppendLogLine("00000001", 1, "a1");
        flash.AppendLogLine("00000001", 0, "a0");
        flash.AppendLogLine("00000002", 1, "b1");
        flash.AppendLogLine("00000001", 2, "a2");

        // Assert
        flash.ListLogFiles().Should().Equal("00000001", "00000002");
        flash.ReadLogFile("00000001").Should().Equal("a0", "a1", "a2");
        flash.ReadLogFile("00000002").Should().Equal("b0", "b1");
        flash.ReadLogFile("00000003").Should().BeEmpty();
    }

    [TestMethod]
    public void Flash_orders_more_than_ten_lines_numerically()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();

        // Act
        foreach (var seq in Enumerable.Range(0, 12).Reverse())
        {
            flash.AppendLogLine("00000001", seq, seq.ToString("x", global::System.Globalization.CultureInfo.InvariantCulture));
        }

        // Assert
        flash.ReadLogFile("00000001").Should().Equal("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b");
    }

    [TestMethod]
    public void Flash_wipe_erases_named_blobs_and_slots_but_keeps_other_blobs_and_the_log()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        flash.WriteBlob("config", [1]);
        flash.WriteBlob("identity.eid", [2]);
        flash.WriteBlob("counter.boots", [3]);
        flash.WriteSlot(Record(0));
        flash.WriteSlot(Record(1));
        flash.AppendLogLine("00000001", 0, "line");

        // Act
        flash.Wipe(["config", "identity.eid"]);

        // Assert
        flash.ReadBlob("config").Should().BeNull();
        flash.ReadBlob("identity.eid").Should().BeNull();
        flash.ReadBlob("counter.boots").Should().Equal(3);
        flash.ReadSlots().Should().BeEmpty();
        flash.ReadLogFile("00000001").Should().Equal("line");
    }

    [TestMethod]
    public void Flash_file_keeps_everything_across_reopening()
    {
        // Arrange
        using var folder = new TempFolder();
        var path = folder.File("flash.db");
        using (var flash = LiteDbFlash.Open(path))
        {
            flash.WriteBlob("config", [7, 7]);
            flash.WriteSlot(Record(3));
            flash.AppendLogLine("0000000a", 0, "first");
        }

        // Act
        using var reopened = LiteDbFlash.Open(path);

        // Assert
        reopened.ReadBlob("config").Should().Equal(7, 7);
        reopened.ReadSlots().Should().ContainSingle().Which.Should().BeEquivalentTo(Record(3));
        reopened.ListLogFiles().Should().Equal("0000000a");
        reopened.ReadLogFile("0000000a").Should().Equal("first");
    }
}
