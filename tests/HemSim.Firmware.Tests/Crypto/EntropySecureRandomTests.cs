using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace HemSim.Firmware.Tests.Crypto;

[TestClass]
public sealed class EntropySecureRandomTests
{
    [TestMethod]
    public void Two_ML_DSA_generations_from_the_same_entropy_bytes_give_the_same_key()
    {
        // Act
        byte[] first = GenerateMlDsa65PublicKey(new CountingEntropy(50));
        byte[] second = GenerateMlDsa65PublicKey(new CountingEntropy(50));
        byte[] other = GenerateMlDsa65PublicKey(new CountingEntropy(51));

        // Assert
        second.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    [TestMethod]
    public void Every_byte_path_reads_the_entropy_stream_in_order()
    {
        // Arrange
        var random = new EntropySecureRandom(new CountingEntropy(52));
        byte[] expected = new byte[4 + 8 + 3 + 5];
        new CountingEntropy(52).Fill(expected);
        byte[] viaArray = new byte[4];
        byte[] viaOffset = new byte[10];
        byte[] viaSpan = new byte[3];

        // Act
        random.NextBytes(viaArray);
        random.NextBytes(viaOffset, 1, 8);
        random.NextBytes(viaSpan.AsSpan());
        byte[] seed = random.GenerateSeed(5);

        // Assert
        byte[] drawn = [.. viaArray, .. viaOffset.AsSpan(1, 8), .. viaSpan, .. seed];
        drawn.Should().Equal(expected);
        viaOffset[0].Should().Be(0);
        viaOffset[9].Should().Be(0);
    }

    [TestMethod]
    public void Integer_draws_are_reproducible_from_the_entropy_stream()
    {
        var a = new EntropySecureRandom(new CountingEntropy(53));
        var b = new EntropySecureRandom(new CountingEntropy(53));

        object[] fromA = [a.NextInt(), a.Next(), a.Next(1000), a.NextLong(), a.NextDouble(), a.NextInt64()];
        object[] fromB = [b.NextInt(), b.Next(), b.Next(1000), b.NextLong(), b.NextDouble(), b.NextInt64()];

        fromB.Should().Equal(fromA);
    }

    [TestMethod]
    public void SetSeed_does_not_change_the_stream()
    {
        // Arrange
        var seeded = new EntropySecureRandom(new CountingEntropy(54));
        var plain = new EntropySecureRandom(new CountingEntropy(54));

        // Act
        seeded.SetSeed([1, 2, 3]);
        seeded.SetSeed(99L);

        // Assert
        seeded.NextLong().Should().Be(plain.NextLong());
    }

    private static byte[] GenerateMlDsa65PublicKey(CountingEntropy entropy)
    {
        var generator = new MLDsaKeyPairGenerator();
        generator.Init(new MLDsaKeyGenerationParameters(new EntropySecureRandom(entropy), MLDsaParameters.ml_dsa_65));
        return ((MLDsaPublicKeyParameters)generator.GenerateKeyPair().Public).GetEncoded();
    }
}
