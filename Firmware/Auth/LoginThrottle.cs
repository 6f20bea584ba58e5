namespace HemSim.Firmware.Auth;

/// <summary>
/// Brute-force mitigation of spec §5.6 (FPT_AFL.1). Every login response goes out no sooner than
/// <see cref="MinimumDelay"/> after the request arrived; once three or more failures came in a row,
/// the last under 15 s ago, no sooner than <see cref="PenaltyDelay"/>. The device never sleeps: it
/// returns the delay, and whoever carries the response waits (<c>ApiResponse.DeliverNotBefore</c>).
/// </summary>
internal sealed class LoginThrottle
{
    /// <summary>Spec: at least 500 ms; a small margin covers clock granularity on the client.</summary>
    public static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(520);

    /// <summary>Spec: "strictly more" than 1500 ms measured at the client, so a margin (§5.6 suggests 1600).</summary>
    public static readonly TimeSpan PenaltyDelay = TimeSpan.FromMilliseconds(1600);

    public static readonly TimeSpan FailureMemory = TimeSpan.FromSeconds(15);

    private const int FailuresBeforePenalty = 3;

    private int _consecutiveFailures;
    private TimeSpan _lastFailure;
    private TimeSpan _lastDelivery = TimeSpan.MinValue;

    /// <summary>
    /// The delay for the response to an attempt arriving now, given earlier outcomes. Attempts are also
    /// spaced from each other: the real device serves one connection at a time, so its delay bounds the
    /// guessing rate (FPT_AFL.1); here parallel connections would otherwise all wait out their delays at
    /// once. Each response is therefore due no sooner than one delay after the previous login response.
    /// </summary>
    public TimeSpan DelayFor(TimeSpan monotonicNow)
    {
        if (_consecutiveFailures > 0 && monotonicNow - _lastFailure >= FailureMemory)
        {
            _consecutiveFailures = 0;
        }
        var delay = _consecutiveFailures >= FailuresBeforePenalty ? PenaltyDelay : MinimumDelay;
        var due = monotonicNow + delay;
        if (_lastDelivery != TimeSpan.MinValue && _lastDelivery + delay > due)
        {
            due = _lastDelivery + delay;
        }
        _lastDelivery = due;
        return due - monotonicNow;
    }

    /// <summary>Records the outcome of the attempt whose delay was just computed.</summary>
    public void Record(bool success, TimeSpan monotonicNow)
    {
        if (success)
        {
            _consecutiveFailures = 0;
            return;
        }
        _consecutiveFailures++;
        _lastFailure = monotonicNow;
    }
}
