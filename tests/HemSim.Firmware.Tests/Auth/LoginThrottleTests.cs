using FluentAssertions;
using HemSim.Firmware.Auth;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Auth;

[TestClass]
public sealed class LoginThrottleTests
{
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(100);

    [TestMethod]
    public void Throttle_delays_are_at_least_500_ms_and_beyond_1500_ms_with_a_margin()
    {
        // Assert: spec §5.6; [T] needs strictly more than 1500 ms at the client.
        LoginThrottle.MinimumDelay.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(500)).And.BeLessThan(TimeSpan.FromMilliseconds(1500));
        LoginThrottle.PenaltyDelay.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1550));
        LoginThrottle.FailureMemory.Should().Be(TimeSpan.FromSeconds(15));
    }

    [TestMethod]
    [DataRow(0, false)]
    [DataRow(2, false)]
    [DataRow(3, true)]
    [DataRow(7, true)]
    public void Throttle_penalises_after_three_consecutive_failures(int failures, bool penalised)
    {
        // Arrange
        var throttle = new LoginThrottle();
        for (var i = 0; i < failures; i++)
        {
            throttle.DelayFor(T0);
            throttle.Record(success: false, T0);
        }

        // Act
        var delay = throttle.DelayFor(T0);

        // Assert
        delay.Should().Be(penalised ? LoginThrottle.PenaltyDelay : LoginThrottle.MinimumDelay);
    }

    [TestMethod]
    public void Throttle_forgets_failures_15_seconds_after_the_last_one()
    {
        // Arrange
        var throttle = new LoginThrottle();
        for (var i = 0; i < 3; i++)
        {
            throttle.Record(success: false, T0 + TimeSpan.FromSeconds(i));
        }

        // Act
        var justBefore = throttle.DelayFor(T0 + TimeSpan.FromSeconds(2 + 14.999));
        var after = throttle.DelayFor(T0 + TimeSpan.FromSeconds(2 + 15));

        // Assert
        justBefore.Should().Be(LoginThrottle.PenaltyDelay);
        after.Should().Be(LoginThrottle.MinimumDelay);
    }

    [TestMethod]
    public void Throttle_forgets_failures_after_a_success()
    {
        // Arrange
        var throttle = new LoginThrottle();
        for (var i = 0; i < 4; i++)
        {
            throttle.Record(success: false, T0);
        }
        throttle.Record(success: true, T0);

        // Act
        var delay = throttle.DelayFor(T0);

        // Assert
        delay.Should().Be(LoginThrottle.MinimumDelay);
    }
}
