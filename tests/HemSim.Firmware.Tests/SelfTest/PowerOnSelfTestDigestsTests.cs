using FluentAssertions;
using HemSim.Firmware.SelfTest;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.SelfTest;

/// <summary>The digest-family known answers of the power-on self-test (spec §20.2): HMAC-SHA2/SHA3, SHA-3, SECP ECDH.</summary>
[TestClass]
public sealed class PowerOnSelfTestDigestsTests
{
    [TestMethod]
    public void Digest_family_passes_on_a_sound_build()
    {
        PowerOnSelfTest.DigestFamilyPasses().Should().BeTrue();
    }

    [TestMethod]
    public void Each_digest_known_answer_passes_and_covers_its_family()
    {
        // Assert: every family the placeholder named has at least one answer.
        var names = PowerOnSelfTest.DigestKnownAnswers.Select(a => a.Name).ToList();
        foreach (var family in new[] { "HMAC-SHA2-384", "HMAC-SHA2-512", "HMAC-SHA3-256", "HMAC-SHA3-384", "HMAC-SHA3-512",
            "SHA3-256", "SHA3-384", "SHA3-512", "ECDH P-256" })
        {
            names.Should().Contain(n => n.StartsWith(family + " ", StringComparison.Ordinal), family);
        }
        foreach (var answer in PowerOnSelfTest.DigestKnownAnswers)
        {
            answer.Passes().Should().BeTrue(answer.Name);
        }
    }

    [TestMethod]
    public void A_known_answer_with_one_flipped_bit_or_a_short_result_fails()
    {
        foreach (var answer in PowerOnSelfTest.DigestKnownAnswers)
        {
            // Arrange
            byte[] flipped = [.. answer.Expected];
            flipped[^1] ^= 0x01;
            var expected = answer.Expected;

            // Act, Assert
            (answer with { Expected = flipped }).Passes().Should().BeFalse(answer.Name);
            (answer with { Compute = () => expected[..^1] }).Passes().Should().BeFalse(answer.Name);
            (answer with { Compute = () => [] }).Passes().Should().BeFalse(answer.Name);
        }
    }
}
