using HemSim.Firmware.Platform;

namespace HemSim.TestKit;

/// <summary>
/// A clock a test drives by hand: nothing moves until <see cref="Advance"/> is called.
/// </summary>
/// <remarks>
/// The RTC keeps sub-second precision internally, so two half-second advances move Unix time by one second.
/// <see cref="ResetOnBoot"/> either keeps the RTC (a preset clock, as with <c>ClockMode.Host</c> or
/// <c>ClockMode.Fixed</c>) or forgets it (<c>ClockMode.Unset</c>), as chosen by <see cref="KeepTimeOnReset"/>.
/// <see cref="Monotonic"/> is never reset; it only moves forward.
/// </remarks>
public sealed class FakeClock : IDeviceClock
{
    private TimeSpan? _rtc;        // time since the Unix epoch; null while the RTC is not set
    private TimeSpan _monotonic;   // time since this clock was created, moved only by Advance

    /// <param name="unixSeconds">Initial RTC value, or null for "RTC not set".</param>
    /// <param name="keepTimeOnReset">True: <see cref="ResetOnBoot"/> keeps the RTC (preset). False: it unsets it.</param>
    public FakeClock(long? unixSeconds = null, bool keepTimeOnReset = false)
    {
        if (unixSeconds is { } seconds)
        {
            Set(seconds);
        }

        KeepTimeOnReset = keepTimeOnReset;
    }

    /// <summary>Whether <see cref="ResetOnBoot"/> keeps the RTC (true) or leaves it unset (false).</summary>
    public bool KeepTimeOnReset { get; set; }

    /// <summary>True while the RTC holds a time.</summary>
    public bool IsSet => _rtc.HasValue;

    /// <summary>Number of <see cref="ResetOnBoot"/> calls.</summary>
    public int ResetCount { get; private set; }

    /// <inheritdoc/>
    public TimeSpan Monotonic => _monotonic;

    /// <inheritdoc/>
    public bool TryGetUnixTime(out long unixSeconds)
    {
        if (_rtc is not { } rtc)
        {
            unixSeconds = 0;
            return false;
        }

        // Floor division, so times before the epoch round down like whole seconds of an RTC would.
        unixSeconds = Math.DivRem(rtc.Ticks, TimeSpan.TicksPerSecond, out long remainder);
        if (remainder < 0)
        {
            unixSeconds--;
        }

        return true;
    }

    /// <inheritdoc/>
    public void Set(long unixSeconds)
    {
        _rtc = TimeSpan.FromSeconds(unixSeconds);
    }

    /// <summary>Makes the RTC not set, as on a device that has never checked in.</summary>
    public void Unset()
    {
        _rtc = null;
    }

    /// <inheritdoc/>
    public void ResetOnBoot()
    {
        ResetCount++;
        if (!KeepTimeOnReset)
        {
            _rtc = null;
        }
    }

    /// <summary>Moves <see cref="Monotonic"/> and, when set, the RTC forward by <paramref name="elapsed"/>.</summary>
    public void Advance(TimeSpan elapsed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(elapsed, TimeSpan.Zero);
        _monotonic += elapsed;
        if (_rtc is { } rtc)
        {
            _rtc = rtc + elapsed;
        }
    }
}
