using System.Security.Cryptography;

namespace HemSim.Firmware.Entropy;

/// <summary>
/// A noise source behind the SP 800-90B §4.4 continuous health tests: every sample passes the Repetition Count
/// Test and the Adaptive Proportion Test before anyone sees it. The first failure is latched: from then on every
/// read fails, until a new instance is created (a reboot), as §4.4 requires of a failed noise source.
/// </summary>
internal sealed class HealthTestedNoiseSource
{
    /// <summary>Samples tested and discarded by the start-up test (§4.3: at least 1024 consecutive samples).</summary>
    public const int StartupSampleCount = 1024;

    private readonly INoiseSource _noise;
    private readonly RepetitionCountTest _repetitionCount = new();
    private readonly AdaptiveProportionTest _adaptiveProportion = new();
    private string? _failure; // which test failed first; null while healthy. Never cleared.

    public HealthTestedNoiseSource(INoiseSource noise)
    {
        ArgumentNullException.ThrowIfNull(noise);
        _noise = noise;
    }

    /// <summary>Why the source failed, or null while it is healthy.</summary>
    public string? Failure => _failure;

    /// <summary>
    /// Start-up test (§4.3): runs the continuous tests over <see cref="StartupSampleCount"/> samples before the
    /// source is first used; the samples are discarded. False when a test fails (the failure is latched).
    /// </summary>
    public bool TryRunStartupTest()
    {
        Span<byte> samples = stackalloc byte[StartupSampleCount];
        try
        {
            return TryRead(samples);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(samples);
        }
    }

    /// <summary>
    /// Reads health-tested samples. False when a test fails now or failed before; <paramref name="destination"/>
    /// is then zeroed, so no sample from a failed source is ever used.
    /// </summary>
    public bool TryRead(Span<byte> destination)
    {
        if (_failure is not null)
        {
            destination.Clear();
            return false;
        }

        _noise.Read(destination);
        foreach (byte sample in destination)
        {
            // Both tests see every sample, so their windows and runs stay continuous across reads (§4.4).
            bool repetitionOk = _repetitionCount.Feed(sample);
            bool proportionOk = _adaptiveProportion.Feed(sample);
            if (!repetitionOk || !proportionOk)
            {
                _failure = !repetitionOk
                    ? $"noise source failed the SP 800-90B §4.4.1 repetition count test ({RepetitionCountTest.Cutoff} identical samples in a row)"
                    : $"noise source failed the SP 800-90B §4.4.2 adaptive proportion test ({AdaptiveProportionTest.Cutoff} equal samples in a window of {AdaptiveProportionTest.WindowSize})";
                CryptographicOperations.ZeroMemory(destination);
                return false;
            }
        }

        return true;
    }
}
