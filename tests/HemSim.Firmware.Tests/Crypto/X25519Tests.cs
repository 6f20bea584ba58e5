using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

[TestClass]
public sealed class X25519Tests
{
    private static readonly KeyAgreementAlgorithm s_x25519 = KeyAgreementAlgorithm.X25519;

    [TestMethod]
    public void Sizes_are_32_bytes()
    {
        s_x25519.PrivateKeySize.Should().Be(32);
        s_x25519.PublicKeySize.Should().Be(32);
        s_x25519.SharedSecretSize.Should().Be(32);
    }

    // RFC 7748 §5.2, the two single-step X25519 vectors (scalar, input u, output u). The second u has
    // its top bit set, which §5 says to ignore.
    [TestMethod]
    [DataRow(
        "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
        "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
        "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552")]
    [DataRow(
        "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
        "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
        "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957")]
    public void TryAgree_matches_RFC7748_section_5_2_vectors(string scalar, string u, string expected)
    {
        bool agreed = s_x25519.TryAgree(Convert.FromHexString(scalar), Convert.FromHexString(u), out byte[] shared);

        agreed.Should().BeTrue();
        Convert.ToHexStringLower(shared).Should().Be(expected);
    }

    // RFC 7748 §6.1: Alice's and Bob's private keys, public keys and their shared secret K.
    [TestMethod]
    [DataRow(
        "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
        "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
        "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
        "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")]
    public void Alice_and_Bob_derive_the_RFC7748_section_6_1_keys_and_secret(
        string alicePrivate, string alicePublic, string bobPrivate, string bobPublic, string sharedSecret)
    {
        // Arrange
        byte[] a = Convert.FromHexString(alicePrivate);
        byte[] b = Convert.FromHexString(bobPrivate);

        // Act
        byte[] aPublic = s_x25519.GetPublicKey(a);
        byte[] bPublic = s_x25519.GetPublicKey(b);
        bool aliceAgreed = s_x25519.TryAgree(a, bPublic, out byte[] aliceShared);
        bool bobAgreed = s_x25519.TryAgree(b, aPublic, out byte[] bobShared);

        // Assert
        Convert.ToHexStringLower(aPublic).Should().Be(alicePublic);
        Convert.ToHexStringLower(bPublic).Should().Be(bobPublic);
        aliceAgreed.Should().BeTrue();
        bobAgreed.Should().BeTrue();
        Convert.ToHexStringLower(aliceShared).Should().Be(sharedSecret);
        Convert.ToHexStringLower(bobShared).Should().Be(sharedSecret);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(31)]
    [DataRow(33)]
    [DataRow(56)]
    public void TryAgree_answers_false_for_a_peer_key_of_the_wrong_length(int length)
    {
        bool agreed = s_x25519.TryAgree(new byte[32], new byte[length], out byte[] shared);

        agreed.Should().BeFalse();
        shared.Should().BeEmpty();
    }

    // u = 0 and u = 1 are low-order points: every clamped scalar maps them to the all-zero output that
    // RFC 7748 §6.1 says to reject.
    [TestMethod]
    [DataRow("0000000000000000000000000000000000000000000000000000000000000000")]
    [DataRow("0100000000000000000000000000000000000000000000000000000000000000")]
    public void TryAgree_answers_false_when_the_shared_secret_is_all_zeros(string lowOrderPeer)
    {
        byte[] privateKey = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");

        bool agreed = s_x25519.TryAgree(privateKey, Convert.FromHexString(lowOrderPeer), out byte[] shared);

        agreed.Should().BeFalse();
        shared.Should().BeEmpty();
    }

    [TestMethod]
    public void A_private_key_of_the_wrong_length_is_misuse()
    {
        Action getPublic = () => s_x25519.GetPublicKey(new byte[31]);
        Action agree = () => s_x25519.TryAgree(new byte[33], new byte[32], out _);

        getPublic.Should().Throw<ArgumentException>();
        agree.Should().Throw<ArgumentException>();
    }
}
