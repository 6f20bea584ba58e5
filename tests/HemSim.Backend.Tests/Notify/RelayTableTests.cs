using FluentAssertions;
using HemSim.Backend.Notify;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Backend.Tests.Notify;

/// <summary>The broker's in-memory tables (docs/EXTERNAL-AUTH.md §5): one hour, and a cap on the number of entries.</summary>
[TestClass]
public sealed class RelayTableTests
{
    [TestMethod]
    public void A_full_table_drops_its_oldest_entry_for_a_new_one()
    {
        // Arrange: anyone may open sessions (GET /notify/session is unauthenticated), so memory must stay bounded.
        var clock = new ManualClock();
        var table = new RelayTable<string>(clock, capacity: 2);
        table.Add("a", "first");
        clock.Now += TimeSpan.FromSeconds(1);
        table.Add("b", "second");
        clock.Now += TimeSpan.FromSeconds(1);

        // Act
        table.Add("c", "third");

        // Assert
        table.TryGet("a", out _).Should().BeFalse();
        table.Live().Select(entry => entry.Key).Should().BeEquivalentTo("b", "c");
    }

    [TestMethod]
    public void Replacing_an_entry_in_a_full_table_drops_nothing()
    {
        // Arrange
        var table = new RelayTable<string>(new ManualClock(), capacity: 2);
        table.Add("a", "first");
        table.Add("b", "second");

        // Act
        table.Add("b", "again");

        // Assert
        table.Live().Should().BeEquivalentTo([KeyValuePair.Create("a", "first"), KeyValuePair.Create("b", "again")]);
    }

    [TestMethod]
    public void The_default_cap_is_1024_entries()
    {
        // Arrange
        var table = new RelayTable<string>(new ManualClock());

        // Act
        for (int i = 0; i <= RelayTable<string>.DefaultCapacity; i++)
        {
            table.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "x");
        }

        // Assert
        RelayTable<string>.DefaultCapacity.Should().Be(1024);
        table.Live().Should().HaveCount(1024);
        table.TryGet("0", out _).Should().BeFalse();
    }
}
