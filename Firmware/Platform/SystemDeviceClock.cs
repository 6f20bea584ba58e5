using System.Diagnostics;
using HemSim.Firmware.Device;

namespace HemSim.Firmware.Platform;

/// <summary>
/// The device clock on a host: the RTC preset from the host clock (default), preset to a fixed start
/// time that then advances in real time, or unset after every boot until something sets it, as on real
/// hardware before a check-in (spec §4, §8.4).
/// </summary>
internal sealed class SystemDeviceClock : IDeviceClock
{
    private readonly ClockMode _mode;
    private readonly long _fixedStart;
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private long? _setValue;
    private TimeSpan _setAt;

    public SystemDeviceClock(ClockMode mode, long fixedStart)
    {
        _mode = mode;
        _fixedStart = fixedStart;
        ResetOnBoot();
    }

    public TimeSpan Monotonic => _stopwatch.Elapsed;

    public bool TryGetUnixTime(out long unixSeconds)
    {
        if (_setValue is null)
        {
            unixSeconds = 0;
            return false;
        }
        unixSeconds = _setValue.Value + (long)(Monotonic - _setAt).TotalSeconds;
        return true;
    }

    public void Set(long unixSeconds)
    {
        _setValue = unixSeconds;
        _setAt = Monotonic;
    }

    public void ResetOnBoot()
    {
        switch (_mode)
        {
            case ClockMode.Host:
                Set(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
                break;
            case ClockMode.Fixed:
                // The fixed start is where the clock stands at the first boot; later boots keep counting.
                if (_setValue is null)
                {
                    Set(_fixedStart);
                }
                break;
            case ClockMode.Unset:
                _setValue = null;
                break;
            default:
                throw new UnreachableException();
        }
    }
}
