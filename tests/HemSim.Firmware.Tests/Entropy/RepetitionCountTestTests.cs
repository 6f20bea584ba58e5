using FluentAssertions;
using HemSim.Firmware.Entropy;

namespace HemSim.Firmware.Tests.Entropy;

[TestClass]
public sealed class RepetitionCountTestTests
{
    [TestMethod]
    public void Cutoff_is_5_for_six_bits_of_entropy_and_alpha_two_to_the_minus_20()
    {
        // SP 800-90B §4.4.1: C = 1 + ceil(-log2(alpha) / H) = 1 + ceil(20 / 6).
        int expected = 1 + (int)Math.Ceiling(20.0 / 6.0);

        RepetitionCountTest.Cutoff.Should().Be(expected).And.Be(5);
    }

    [TestMethod]
    public void Repetition_count_test_fails_on_the_fifth_identical_sample()
    {
        // Arrange
        var test = new RepetitionCountTest();

        // Act
        bool[] results = Enumerable.Range(0, 5).Select(_ => test.Feed(0xA5)).ToArray();

        // Assert
        results.Should().Equal(true, true, true, true, false);
    }

    [TestMethod]
    public void A_different_sample_restarts_the_run()
    {
        // Arrange
        var test = new RepetitionCountTest();
        byte[] samples = [7, 7, 7, 7, 8, 7, 7, 7, 7, 8, 8, 8, 8];

        // Act
        bool[] results = samples.Select(test.Feed).ToArray();

        // Assert
        results.Should().OnlyContain(passed => passed);
    }
}
