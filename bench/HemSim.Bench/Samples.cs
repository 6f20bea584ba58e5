using System.Diagnostics;

namespace HemSim.Bench;

/// <summary>Elapsed times of repeated operations and the statistics printed for them.</summary>
internal sealed class Samples
{
    private readonly List<long> _ticks = [];
    private long _totalTicks;

    public int Count => _ticks.Count;

    public TimeSpan Total => Stopwatch.GetElapsedTime(0, _totalTicks);

    public void Add(long started, long ended) => _ticks.Add(ended - started);

    /// <summary>Wall time of the whole series (for throughput, which includes any gaps between operations).</summary>
    public void SetTotal(long started, long ended) => _totalTicks = ended - started;

    public TimeSpan Percentile(double p)
    {
        long[] sorted = [.. _ticks.Order()];
        int index = Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1);
        return Stopwatch.GetElapsedTime(0, sorted[index]);
    }

    public static string Format(TimeSpan time) => time.TotalMilliseconds switch
    {
        < 0.01 => $"{time.TotalMicroseconds:F1} µs",
        < 1 => $"{time.TotalMicroseconds:F0} µs",
        < 1000 => $"{time.TotalMilliseconds:F2} ms",
        _ => $"{time.TotalSeconds:F2} s",
    };

    public static string FormatRate(double bytesPerSecond) => bytesPerSecond switch
    {
        >= 1_000_000 => $"{bytesPerSecond / 1_000_000:F1} MB/s",
        _ => $"{bytesPerSecond / 1_000:F2} kB/s",
    };
}
