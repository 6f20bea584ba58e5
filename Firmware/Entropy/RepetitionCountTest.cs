namespace HemSim.Firmware.Entropy;

/// <summary>
/// Repetition Count Test on byte samples (NIST SP 800-90B §4.4.1): detects a noise source stuck on one value.
/// </summary>
/// <remarks>
/// Cutoff C = 1 + ⌈−log2(α) / H⌉ (§4.4.1) with false-positive rate α = 2^−20 and a claimed min-entropy of
/// H = 6 bits per byte (the OS CSPRNG is credited conservatively below its 8 bits):
/// C = 1 + ⌈20 / 6⌉ = 5. Five identical consecutive bytes fail the test; for truly uniform bytes that happens
/// with probability 2^−32 per sample.
/// </remarks>
internal sealed class RepetitionCountTest
{
    /// <summary>Claimed min-entropy per sample, in bits.</summary>
    public const int ClaimedEntropyBits = 6;

    /// <summary>−log2 of the false-positive probability α.</summary>
    public const int AlphaExponent = 20;

    /// <summary>C: a run of this many identical samples is a failure.</summary>
    public const int Cutoff = 1 + (AlphaExponent + ClaimedEntropyBits - 1) / ClaimedEntropyBits;

    private int _runValue = -1; // A: the sample the current run repeats; -1 before the first sample
    private int _runLength;     // B: number of identical samples in the current run

    /// <summary>Feeds one sample; false when the run has reached <see cref="Cutoff"/>.</summary>
    public bool Feed(byte sample)
    {
        if (sample != _runValue)
        {
            _runValue = sample;
            _runLength = 1;
            return true;
        }

        _runLength++;
        return _runLength < Cutoff;
    }
}
