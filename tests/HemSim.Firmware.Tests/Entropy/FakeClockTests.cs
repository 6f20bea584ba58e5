using FluentAssertions;
using HemSim.TestKit;

namespace HemSim.Firmware.Tests.Entropy;

// FakeClock lives beside ScriptedEntropy in the TestKit; its tests sit here with the other test-double tests.
[TestClass]
public sealed class FakeClockTests
{
    [TestMethod]
    public void New_clock_is_unset_by_default()
    {
        var clock = new FakeClock();

        clock.TryGetUnixTime(out _).Should().BeFalse();
        clock.IsSet.Should().BeFalse();
        clock.Monotonic.Should().Be(TimeSpan.Zero);
    }

    [TestMethod]
    public void Advance_moves_the_rtc_and_monotonic_time()
    {
        // Arrange
        var clock = new FakeClock(unixSeconds: 1_700_000_000);

        // Act
        clock.Advance(TimeSpan.FromSeconds(90));

        // Assert
        clock.TryGetUnixTime(out long now).Should().BeTrue();
        now.Should().Be(1_700_000_090);
        clock.Monotonic.Should().Be(TimeSpan.FromSeconds(90));
    }

    [TestMethod]
    public void Advance_keeps_sub_second_precision()
    {
        // Arrange
        var clock = new FakeClock(unixSeconds: 100);

        // Act
        clock.Advance(TimeSpan.FromMilliseconds(600));
        clock.TryGetUnixTime(out long afterFirst);
        clock.Advance(TimeSpan.FromMilliseconds(600));
        clock.TryGetUnixTime(out long afterSecond);

        // Assert
        afterFirst.Should().Be(100);
        afterSecond.Should().Be(101);
    }

    [TestMethod]
    public void Advance_moves_monotonic_time_while_the_rtc_is_unset()
    {
        // Arrange
        var clock = new FakeClock();

        // Act
        clock.Advance(TimeSpan.FromMinutes(5));

        // Assert
        clock.Monotonic.Should().Be(TimeSpan.FromMinutes(5));
        clock.TryGetUnixTime(out _).Should().BeFalse();
    }

    [TestMethod]
    public void Set_then_unset_forgets_the_rtc_but_not_monotonic_time()
    {
        // Arrange
        var clock = new FakeClock();
        clock.Set(1_000);
        clock.Advance(TimeSpan.FromSeconds(3));

        // Act
        clock.Unset();

        // Assert
        clock.TryGetUnixTime(out _).Should().BeFalse();
        clock.Monotonic.Should().Be(TimeSpan.FromSeconds(3));
    }

    [TestMethod]
    public void Reset_on_boot_unsets_a_clock_that_is_not_preset()
    {
        // Arrange
        var clock = new FakeClock(unixSeconds: 1_000, keepTimeOnReset: false);

        // Act
        clock.ResetOnBoot();

        // Assert
        clock.TryGetUnixTime(out _).Should().BeFalse();
        clock.ResetCount.Should().Be(1);
    }

    [TestMethod]
    public void Reset_on_boot_keeps_a_preset_clock()
    {
        // Arrange
        var clock = new FakeClock(unixSeconds: 1_000, keepTimeOnReset: true);

        // Act
        clock.ResetOnBoot();

        // Assert
        clock.TryGetUnixTime(out long now).Should().BeTrue();
        now.Should().Be(1_000);
    }

    [TestMethod]
    public void Advance_rejects_negative_time()
    {
        var clock = new FakeClock();

        clock.Invoking(c => c.Advance(TimeSpan.FromSeconds(-1))).Should().Throw<ArgumentOutOfRangeException>();
    }
}
