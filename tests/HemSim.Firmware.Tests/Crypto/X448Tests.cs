using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

[TestClass]
public sealed class X448Tests
{
    private static readonly KeyAgreementAlgorithm s_x448 = KeyAgreementAlgorithm.X448;

    [TestMethod]
    public void Sizes_are_56_bytes()
    {
        s_x448.PrivateKeySize.Should().Be(56);
        s_x448.PublicKeySize.Should().Be(56);
        s_x448.SharedSecretSize.Should().Be(56);
    }

    // RFC 7748 §5.2, the two single-step X448 vectors (scalar, input u, output u).
    [TestMethod]
    [DataRow(
        "3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3",
        "06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086",
        "ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaadeb445fc66a01b0779d98223961111e21766282f73dd96b6f")]
    [DataRow(
        "203d494428b8399352665ddca42f9de8fef600908e0d461cb021f8c538345dd77c3e4806e25f46d3315c44e0a5b4371282dd2c8d5be3095f",
        "0fbcc2f993cd56d3305b0b7d9e55d4c1a8fb5dbb52f8e9a1e9b6201b165d015894e56c4d3570bee52fe205e28a78b91cdfbde71ce8d157db",
        "884a02576239ff7a2f2f63b2db6a9ff37047ac13568e1e30fe63c4a7ad1b3ee3a5700df34321d62077e63633c575c1c954514e99da7c179d")]
    public void TryAgree_matches_RFC7748_section_5_2_vectors(string scalar, string u, string expected)
    {
        bool agreed = s_x448.TryAgree(Convert.FromHexString(scalar), Convert.FromHexString(u), out byte[] shared);

        agreed.Should().BeTrue();
        Convert.ToHexStringLower(shared).Should().Be(expected);
    }

    // RFC 7748 §6.2: Alice's and Bob's private keys, public keys and their shared secret K.
    [TestMethod]
    [DataRow(
        "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
        "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0",
        "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d",
        "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609",
        "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d")]
    public void Alice_and_Bob_derive_the_RFC7748_section_6_2_keys_and_secret(
        string alicePrivate, string alicePublic, string bobPrivate, string bobPublic, string sharedSecret)
    {
        // Arrange
        byte[] a = Convert.FromHexString(alicePrivate);
        byte[] b = Convert.FromHexString(bobPrivate);

        // Act
        byte[] aPublic = s_x448.GetPublicKey(a);
        byte[] bPublic = s_x448.GetPublicKey(b);
        bool aliceAgreed = s_x448.TryAgree(a, bPublic, out byte[] aliceShared);
        bool bobAgreed = s_x448.TryAgree(b, aPublic, out byte[] bobShared);

        // Assert
        Convert.ToHexStringLower(aPublic).Should().Be(alicePublic);
        Convert.ToHexStringLower(bPublic).Should().Be(bobPublic);
        aliceAgreed.Should().BeTrue();
        bobAgreed.Should().BeTrue();
        Convert.ToHexStringLower(aliceShared).Should().Be(sharedSecret);
        Convert.ToHexStringLower(bobShared).Should().Be(sharedSecret);
    }

    [TestMethod]
    [DataRow(32)]
    [DataRow(55)]
    [DataRow(57)]
    public void TryAgree_answers_false_for_a_peer_key_of_the_wrong_length(int length)
    {
        bool agreed = s_x448.TryAgree(new byte[56], new byte[length], out byte[] shared);

        agreed.Should().BeFalse();
        shared.Should().BeEmpty();
    }

    [TestMethod]
    public void TryAgree_answers_false_when_the_shared_secret_is_all_zeros()
    {
        // u = 0 is a low-order point (RFC 7748 §6.2 check).
        byte[] privateKey = new byte[56];
        new CountingEntropy(14).Fill(privateKey);

        bool agreed = s_x448.TryAgree(privateKey, new byte[56], out byte[] shared);

        agreed.Should().BeFalse();
        shared.Should().BeEmpty();
    }

    [TestMethod]
    public void A_private_key_of_the_wrong_length_is_misuse()
    {
        Action getPublic = () => s_x448.GetPublicKey(new byte[32]);

        getPublic.Should().Throw<ArgumentException>();
    }
}
