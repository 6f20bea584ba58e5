using FluentAssertions;
using HemSim.Firmware.SelfTest;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.SelfTest;

/// <summary>The power-on known-answer tests of the cipher families (spec §20.2): AES ECB/CBC/GCM and RFC 3394 wrap.</summary>
[TestClass]
public sealed class PowerOnSelfTestCiphersTests
{
    public static IEnumerable<object[]> Families =>
    [
        ["ECB", (Func<byte[], bool>)PowerOnSelfTest.AesEcbPasses, PowerOnSelfTest.AesEcbExpected],
        ["CBC", (Func<byte[], bool>)PowerOnSelfTest.AesCbcPasses, PowerOnSelfTest.AesCbcExpected],
        ["GCM", (Func<byte[], bool>)PowerOnSelfTest.AesGcmPasses, PowerOnSelfTest.AesGcmExpected],
        ["wrap", (Func<byte[], bool>)PowerOnSelfTest.AesWrapPasses, PowerOnSelfTest.AesWrapExpected],
    ];

    [TestMethod]
    [DynamicData(nameof(Families))]
    public void Each_cipher_kat_passes_with_its_published_answer(string family, Func<byte[], bool> passes, byte[] expected)
    {
        // Act / Assert
        passes(expected).Should().BeTrue(family);
    }

    [TestMethod]
    [DynamicData(nameof(Families))]
    public void Each_cipher_kat_fails_when_the_answer_differs_in_one_bit(string family, Func<byte[], bool> passes, byte[] expected)
    {
        for (int i = 0; i < expected.Length; i += 7)
        {
            // Arrange
            var wrong = (byte[])expected.Clone();
            wrong[i] ^= 0x01;

            // Act / Assert
            passes(wrong).Should().BeFalse($"{family}: byte {i} altered");
        }
        passes(expected[..^1]).Should().BeFalse($"{family}: a truncated answer");
    }
}
