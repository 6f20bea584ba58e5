using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

[TestClass]
public sealed class Ed25519Tests
{
    private static readonly SignatureAlgorithm s_ed25519 = SignatureAlgorithm.Ed25519;

    private const string Test1Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private const string Test1Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string Test1Signature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    [TestMethod]
    public void Sizes_are_32_byte_seed_32_byte_public_key_64_byte_signature()
    {
        s_ed25519.PrivateKeySize.Should().Be(32);
        s_ed25519.PublicKeySize.Should().Be(32);
        s_ed25519.SignatureSize.Should().Be(64);
    }

    // RFC 8032 §7.1 TEST 1, TEST 2, TEST 3: SECRET KEY (seed), PUBLIC KEY, MESSAGE, SIGNATURE.
    [TestMethod]
    [DataRow(Test1Seed, Test1Public, "", Test1Signature)]
    [DataRow(
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    [DataRow(
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")]
    public void Matches_RFC8032_section_7_1_vectors(string seed, string publicKey, string message, string signature)
    {
        // Arrange
        byte[] seedBytes = Convert.FromHexString(seed);
        byte[] messageBytes = Convert.FromHexString(message);

        // Act
        byte[] derivedPublic = s_ed25519.GetPublicKey(seedBytes);
        byte[] produced = s_ed25519.Sign(seedBytes, messageBytes);

        // Assert
        Convert.ToHexStringLower(derivedPublic).Should().Be(publicKey);
        Convert.ToHexStringLower(produced).Should().Be(signature);
        s_ed25519.Verify(derivedPublic, messageBytes, produced).Should().BeTrue();
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(31)]
    [DataRow(63)]
    public void Verify_answers_false_when_one_signature_bit_is_flipped(int byteIndex)
    {
        byte[] signature = Convert.FromHexString(Test1Signature);
        signature[byteIndex] ^= 0x01;

        s_ed25519.Verify(Convert.FromHexString(Test1Public), [], signature).Should().BeFalse();
    }

    [TestMethod]
    public void Verify_answers_false_for_another_message()
    {
        s_ed25519.Verify(Convert.FromHexString(Test1Public), [0x00], Convert.FromHexString(Test1Signature))
            .Should().BeFalse();
    }

    [TestMethod]
    public void Verify_answers_false_for_wrong_lengths_instead_of_throwing()
    {
        byte[] publicKey = Convert.FromHexString(Test1Public);
        byte[] signature = Convert.FromHexString(Test1Signature);

        s_ed25519.Verify(publicKey[..31], [], signature).Should().BeFalse();
        s_ed25519.Verify(publicKey, [], signature[..63]).Should().BeFalse();
        s_ed25519.Verify(publicKey, [], [.. signature, 0]).Should().BeFalse();
    }

    [TestMethod]
    public void Verify_answers_false_for_a_public_key_that_is_not_a_point()
    {
        // y = 2^255 − 1 is not canonical (≥ p), so the key does not decode (RFC 8032 §5.1.3).
        byte[] notAPoint = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        notAPoint[31] = 0x7F;

        s_ed25519.Verify(notAPoint, [], Convert.FromHexString(Test1Signature)).Should().BeFalse();
    }

    [TestMethod]
    public void A_seed_of_the_wrong_length_is_misuse()
    {
        Action sign = () => s_ed25519.Sign(new byte[64], []);
        Action getPublic = () => s_ed25519.GetPublicKey(new byte[31]);

        sign.Should().Throw<ArgumentException>();
        getPublic.Should().Throw<ArgumentException>();
    }
}
