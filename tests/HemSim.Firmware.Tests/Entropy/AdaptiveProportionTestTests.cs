using FluentAssertions;
using HemSim.Firmware.Entropy;

namespace HemSim.Firmware.Tests.Entropy;

[TestClass]
public sealed class AdaptiveProportionTestTests
{
    // SP 800-90B §4.4.2: C = 1 + CRITBINOM(W, 2^-H, 1 - alpha). The H = 1, 2, 4, 8 rows are §4.4.2 table 2 for
    // W = 512; they check the computation that gives the H = 6 cutoff the firmware uses.
    [TestMethod]
    [DataRow(1, 311)]
    [DataRow(2, 177)]
    [DataRow(4, 62)]
    [DataRow(6, AdaptiveProportionTest.Cutoff)]
    [DataRow(8, 13)]
    public void Cutoff_is_the_binomial_critical_value(int entropyBits, int cutoff)
    {
        CriticalValue(AdaptiveProportionTest.WindowSize, Math.Pow(2, -entropyBits), Math.Pow(2, -20))
            .Should().Be(cutoff);
    }

    [TestMethod]
    public void Cutoff_is_25_for_six_bits_of_entropy()
    {
        AdaptiveProportionTest.Cutoff.Should().Be(25);
    }

    [TestMethod]
    public void Adaptive_proportion_test_fails_when_the_first_sample_recurs_25_times_in_a_window()
    {
        // Arrange: 0x00 at every other position, so runs never exceed one sample and only this test can see it.
        var test = new AdaptiveProportionTest();
        byte[] samples = BiasedSamples(count: 2 * AdaptiveProportionTest.Cutoff - 1);

        // Act
        bool[] results = samples.Select(test.Feed).ToArray();

        // Assert
        results[..^1].Should().OnlyContain(passed => passed);
        results[^1].Should().BeFalse();
    }

    [TestMethod]
    public void Twenty_four_occurrences_in_a_window_pass()
    {
        // Arrange
        var test = new AdaptiveProportionTest();
        byte[] samples = [.. BiasedSamples(count: 2 * (AdaptiveProportionTest.Cutoff - 1) - 1), .. DistinctNonZero(AdaptiveProportionTest.WindowSize)];

        // Act
        bool[] results = samples[..AdaptiveProportionTest.WindowSize].Select(test.Feed).ToArray();

        // Assert
        results.Should().OnlyContain(passed => passed);
    }

    [TestMethod]
    public void A_new_window_starts_after_512_samples()
    {
        // Arrange: two windows, each with 24 occurrences of its first sample — 48 in 1024 samples, never 25 in one window.
        var test = new AdaptiveProportionTest();
        byte[] window = [.. BiasedSamples(count: 2 * (AdaptiveProportionTest.Cutoff - 1) - 1), .. DistinctNonZero(AdaptiveProportionTest.WindowSize)];
        byte[] samples = [.. window[..AdaptiveProportionTest.WindowSize], .. window[..AdaptiveProportionTest.WindowSize]];

        // Act
        bool[] results = samples.Select(test.Feed).ToArray();

        // Assert
        results.Should().OnlyContain(passed => passed);
    }

    /// <summary>0x00, 1, 0x00, 2, 0x00, 3 … — 0x00 at even positions, distinct non-zero values between.</summary>
    private static byte[] BiasedSamples(int count) =>
        Enumerable.Range(0, count).Select(i => i % 2 == 0 ? (byte)0 : (byte)(1 + (i / 2) % 255)).ToArray();

    private static byte[] DistinctNonZero(int count) =>
        Enumerable.Range(0, count).Select(i => (byte)(1 + i % 255)).ToArray();

    /// <summary>1 + the smallest k with P[Binomial(n, p) ≤ k] ≥ 1 − alpha, i.e. 1 + CRITBINOM(n, p, 1 − alpha).</summary>
    private static int CriticalValue(int n, double p, double alpha)
    {
        // Sum the upper tail from the top, where the terms are tiny, to keep precision near 1 − alpha.
        double logP = Math.Log(p);
        double logQ = Math.Log(1 - p);
        double upperTail = 0; // P[X > k]
        for (int k = n; k >= 0; k--)
        {
            double probabilityOfK = Math.Exp(LogChoose(n, k) + k * logP + (n - k) * logQ);
            if (upperTail + probabilityOfK > alpha)
            {
                // P[X > k] ≤ alpha < P[X > k - 1]: k is the smallest value with P[X ≤ k] ≥ 1 − alpha.
                return 1 + k;
            }

            upperTail += probabilityOfK;
        }

        return 1;
    }

    private static double LogChoose(int n, int k)
    {
        double result = 0;
        for (int i = 1; i <= k; i++)
        {
            result += Math.Log(n - k + i) - Math.Log(i);
        }

        return result;
    }
}
