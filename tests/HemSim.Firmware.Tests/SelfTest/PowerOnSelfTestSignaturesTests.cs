using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.SelfTest;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.SelfTest;

/// <summary>The power-on known-answer tests of the signature families (PowerOnSelfTest.Signatures.cs).</summary>
[TestClass]
public sealed class PowerOnSelfTestSignaturesTests
{
    // RFC 8032 §7.4 "1 octet (with context)".
    private static readonly byte[] s_ed448Seed = Convert.FromHexString(
        "c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e");
    private static readonly byte[] s_ed448Signature = Convert.FromHexString(
        "d4f8f6131770dd46f40867d6fd5d5055de43541f8c5e35abbcd001b32a89f7d2151f7647f11d8ca2ae279fb842d607217fce6e042f6815ea00"
        + "0c85741de5c8da1144a6a1aba7f96de42505d7a7298524fda538fccbbb754f578c1cad10d54d0d5428407e85dcbc98a49155c13764e66c3c00");

    // RFC 6979 §A.2.5 P-256, SHA-256, "sample", as DER SEQUENCE{r, s}.
    private static readonly byte[] s_p256Scalar = Convert.FromHexString("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
    private static readonly byte[] s_p256Signature = Convert.FromHexString(
        "3046022100efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
        + "022100f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8");

    [TestMethod]
    public void The_whole_power_on_self_test_passes_on_a_sound_build()
    {
        // Act (its duration is measured by the crypto benchmark, not asserted here)
        var passed = PowerOnSelfTest.Run();

        // Assert
        passed.Should().BeTrue();
    }

    [TestMethod]
    public void EdDsa_check_passes_the_vector_and_detects_a_wrong_answer()
    {
        byte[] wrong = [.. s_ed448Signature];
        wrong[^2] ^= 0x01;

        PowerOnSelfTest.EdDsaVectorPasses(SignatureAlgorithm.Ed448, s_ed448Seed, [0x03], "foo"u8, s_ed448Signature).Should().BeTrue();
        PowerOnSelfTest.EdDsaVectorPasses(SignatureAlgorithm.Ed448, s_ed448Seed, [0x03], "foo"u8, wrong).Should().BeFalse();
        PowerOnSelfTest.EdDsaVectorPasses(SignatureAlgorithm.Ed448, s_ed448Seed, [0x03], "bar"u8, s_ed448Signature).Should().BeFalse();
    }

    [TestMethod]
    public void Ecdsa_check_passes_the_vector_and_detects_a_wrong_answer()
    {
        byte[] wrong = [.. s_p256Signature];
        wrong[10] ^= 0x01;

        PowerOnSelfTest.EcdsaVectorPasses(KeyType.Secp256r1, s_p256Scalar, "sample"u8, HashAlgorithmName.SHA256, s_p256Signature)
            .Should().BeTrue();
        PowerOnSelfTest.EcdsaVectorPasses(KeyType.Secp256r1, s_p256Scalar, "sample"u8, HashAlgorithmName.SHA256, wrong)
            .Should().BeFalse();
        PowerOnSelfTest.EcdsaVectorPasses(KeyType.Secp256r1, s_p256Scalar, "sample"u8, HashAlgorithmName.SHA384, s_p256Signature)
            .Should().BeFalse();
    }
}
