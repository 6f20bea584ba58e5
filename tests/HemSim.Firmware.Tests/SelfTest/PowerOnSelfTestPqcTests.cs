using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Firmware.SelfTest;
using HemSim.Firmware.Tests.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.SelfTest;

/// <summary>The ML-KEM/ML-DSA power-on known-answer tests (spec §20.2): they pass, their constants are the published values, and they catch a wrong answer.</summary>
[TestClass]
public sealed class PowerOnSelfTestPqcTests
{
    [TestMethod]
    public void ML_KEM_encapsulation_KAT_passes()
    {
        PowerOnSelfTest.MlKemEncapsulationPasses(PowerOnSelfTest.MlKemCiphertextSha256, PowerOnSelfTest.MlKemK).Should().BeTrue();
    }

    [TestMethod]
    public void ML_DSA_KAT_passes()
    {
        PowerOnSelfTest.MlDsaPasses(PowerOnSelfTest.MlDsaPublicKeySha256).Should().BeTrue();
    }

    [TestMethod]
    public void ML_KEM_KAT_detects_a_wrong_ciphertext_or_secret()
    {
        var wrongHash = Flipped(PowerOnSelfTest.MlKemCiphertextSha256);
        var wrongSecret = Flipped(PowerOnSelfTest.MlKemK);

        PowerOnSelfTest.MlKemEncapsulationPasses(wrongHash, PowerOnSelfTest.MlKemK).Should().BeFalse();
        PowerOnSelfTest.MlKemEncapsulationPasses(PowerOnSelfTest.MlKemCiphertextSha256, wrongSecret).Should().BeFalse();
    }

    [TestMethod]
    public void ML_DSA_KAT_detects_a_wrong_public_key()
    {
        PowerOnSelfTest.MlDsaPasses(Flipped(PowerOnSelfTest.MlDsaPublicKeySha256)).Should().BeFalse();
    }

    [TestMethod]
    public void KAT_constants_are_the_published_ACVP_values()
    {
        // The firmware keeps SHA-256 digests of the long outputs; they must be digests of the published hex.
        PowerOnSelfTest.MlKemEk.Should().Equal(Convert.FromHexString(PqcVectors.MlKem512EncapEk));
        PowerOnSelfTest.MlKemM.Should().Equal(Convert.FromHexString(PqcVectors.MlKem512EncapM));
        PowerOnSelfTest.MlKemCiphertextSha256.Should().Equal(SHA256.HashData(Convert.FromHexString(PqcVectors.MlKem512EncapC)));
        PowerOnSelfTest.MlKemK.Should().Equal(Convert.FromHexString(PqcVectors.MlKem512EncapK));
        PowerOnSelfTest.MlDsaSeed.Should().Equal(Convert.FromHexString(PqcVectors.MlDsa44KeyGenSeed));
        PowerOnSelfTest.MlDsaPublicKeySha256.Should().Equal(SHA256.HashData(Convert.FromHexString(PqcVectors.MlDsa44KeyGenPk)));
    }

    private static byte[] Flipped(byte[] value)
    {
        var copy = value.ToArray();
        copy[0] ^= 1;
        return copy;
    }
}
