namespace HemSim.Firmware.Platform;

/// <summary>
/// The device's real-time clock. The RTC may be unset (spec §4): then <see cref="TryGetUnixTime"/>
/// returns false until something sets it.
/// </summary>
public interface IDeviceClock
{
    /// <summary>Current Unix time in seconds, or false while the RTC is not set.</summary>
    bool TryGetUnixTime(out long unixSeconds);

    /// <summary>Sets the RTC (check-in, spec §8.3).</summary>
    void Set(long unixSeconds);

    /// <summary>Forgets the RTC value, as a power cycle does for a clock that is not preset.</summary>
    void ResetOnBoot();

    /// <summary>Monotonic time since an arbitrary origin; used for uptime, nonce and throttle ages.</summary>
    TimeSpan Monotonic { get; }
}
