namespace HemSim.Firmware.Entropy;

/// <summary>
/// Adaptive Proportion Test on byte samples (NIST SP 800-90B §4.4.2): detects a noise source that produces one
/// value far too often, even when the repeats are not consecutive.
/// </summary>
/// <remarks>
/// Window W = 512 (§4.4.2, non-binary samples). Cutoff C = 1 + CRITBINOM(W, 2^−H, 1 − α) (§4.4.2), i.e. one more
/// than the smallest k with P[Binomial(512, 2^−H) ≤ k] ≥ 1 − α. With H = 6 bits per byte and α = 2^−20 that is
/// C = 25. (The same formula reproduces §4.4.2 table 2 for W = 512: H = 1 → 311, 2 → 177, 4 → 62, 8 → 13.)
/// </remarks>
internal sealed class AdaptiveProportionTest
{
    /// <summary>W: samples per window.</summary>
    public const int WindowSize = 512;

    /// <summary>C for W = 512, H = 6, α = 2^−20: a window in which the first sample occurs this often fails.</summary>
    public const int Cutoff = 25;

    private byte _reference;    // A: the first sample of the current window
    private int _windowSamples; // samples of the current window seen so far, A included; 0 = next sample opens a window
    private int _matches;       // B: occurrences of A in the current window, A included

    /// <summary>Feeds one sample; false when the first sample of the window has occurred <see cref="Cutoff"/> times.</summary>
    public bool Feed(byte sample)
    {
        if (_windowSamples == 0)
        {
            _reference = sample;
            _windowSamples = 1;
            _matches = 1;
            return true;
        }

        if (sample == _reference)
        {
            _matches++;
        }

        _windowSamples++;
        if (_windowSamples == WindowSize)
        {
            _windowSamples = 0;
        }

        return _matches < Cutoff;
    }
}
