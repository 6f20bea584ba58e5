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
        var now = T0;
        for (var i = 0; i < failures; i++)
        {
            // One attempt after another: each arrives when the previous answer was delivered.
            now += throttle.DelayFor(now);
            throttle.Record(success: false, now);
        }

        // Act
        var delay = throttle.DelayFor(now);

        // Assert
        delay.Should().Be(penalised ? LoginThrottle.PenaltyDelay : LoginThrottle.MinimumDelay);
    }

    [TestMethod]
    public void Throttle_forgets_failures_15_seconds_after_the_last_one()
    {
        // Arrange
        LoginThrottle ThreeFailures()
        {
            var throttle = new LoginThrottle();
            for (var i = 0; i < 3; i++)
            {
                throttle.Record(success: false, T0 + TimeSpan.FromSeconds(i));
            }
            return throttle;
        }

        // Act
        var justBefore = ThreeFailures().DelayFor(T0 + TimeSpan.FromSeconds(2 + 14.999));
        var after = ThreeFailures().DelayFor(T0 + TimeSpan.FromSeconds(2 + 15));

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

    [TestMethod]
    public void Throttle_spaces_parallel_attempts_one_delay_apart()
    {
        // Arrange: eight attempts arrive at the same instant over parallel connections.
        var throttle = new LoginThrottle();

        // Act
        var delays = Enumerable.Range(0, 8).Select(_ => throttle.DelayFor(T0)).ToList();

        // Assert: the real device serves one connection at a time, so its delay bounds the guessing rate.
        delays.Should().Equal(Enumerable.Range(1, 8).Select(i => LoginThrottle.MinimumDelay * i));
    }

    [TestMethod]
    public void Throttle_adds_no_wait_to_an_attempt_made_after_the_previous_answer()
    {
        var throttle = new LoginThrottle();
        var first = throttle.DelayFor(T0);
        throttle.Record(success: true, T0);

        var second = throttle.DelayFor(T0 + first + TimeSpan.FromMilliseconds(1));

        second.Should().Be(LoginThrottle.MinimumDelay);
    }
}
