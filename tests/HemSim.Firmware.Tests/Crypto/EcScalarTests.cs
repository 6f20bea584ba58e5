using FluentAssertions;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Entropy;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Asn1.X9;

namespace HemSim.Firmware.Tests.Crypto;

[TestClass]
public sealed class EcScalarTests
{
    [TestMethod]
    [DataRow("SECP256R1")]
    [DataRow("SECP521R1")]
    public void Sample_gives_up_with_an_entropy_failure_when_the_source_is_stuck_at_zero(string wireName)
    {
        // Zero is never a valid scalar, so a stuck source must latch a fault rather than loop forever.
        Action act = () => EcScalar.Sample(WireNames.Parse(wireName), new ConstantEntropy(0x00));

        act.Should().Throw<EntropyFailureException>();
    }

    [TestMethod]
    public void Sample_masks_P521_draws_to_521_bits()
    {
        // All-ones is masked to 0x01FF…FF, which is still ≥ n, so even this draw is rejected, not reduced.
        Action stuckHigh = () => EcScalar.Sample(KeyType.Secp521r1, new ConstantEntropy(0xFF));
        var entropy = new CountingEntropy(30);

        stuckHigh.Should().Throw<EntropyFailureException>();
        for (int i = 0; i < 50; i++)
        {
            EcScalar.Sample(KeyType.Secp521r1, entropy)[0].Should().BeLessThanOrEqualTo(0x01);
        }
    }

    [TestMethod]
    [DataRow("SECP256R1", "secp256r1")]
    [DataRow("SECP384R1", "secp384r1")]
    [DataRow("SECP521R1", "secp521r1")]
    [DataRow("SECP256K1", "secp256k1")]
    public void IsValid_accepts_1_and_n_minus_1_and_rejects_0_n_and_wrong_lengths(string wireName, string curveName)
    {
        // Arrange
        KeyType curve = WireNames.Parse(wireName);
        int size = KeyTypes.SecretSize(curve);
        var n = ECNamedCurveTable.GetByName(curveName).N;
        byte[] Encode(Org.BouncyCastle.Math.BigInteger value) => value.ToByteArrayUnsigned() is var raw
            ? [.. new byte[size - raw.Length], .. raw]
            : throw new InvalidOperationException();

        // Act + Assert
        EcScalar.IsValid(curve, Encode(Org.BouncyCastle.Math.BigInteger.One)).Should().BeTrue();
        EcScalar.IsValid(curve, Encode(n.Subtract(Org.BouncyCastle.Math.BigInteger.One))).Should().BeTrue();
        EcScalar.IsValid(curve, new byte[size]).Should().BeFalse();
        EcScalar.IsValid(curve, Encode(n)).Should().BeFalse();
        EcScalar.IsValid(curve, new byte[size - 1]).Should().BeFalse();
        EcScalar.IsValid(curve, [.. Encode(Org.BouncyCastle.Math.BigInteger.One), 0]).Should().BeFalse();
    }
}
