using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

public sealed partial class KeyGeneratorTests
{
    [TestMethod]
    [DynamicData(nameof(AllCreatable))]
    public void Identical_entropy_streams_give_identical_keys(string wireName)
    {
        // Arrange
        KeyType type = WireNames.Parse(wireName);

        // Act
        GeneratedKey first = KeyGenerator.Generate(type, new CountingEntropy(42));
        GeneratedKey second = KeyGenerator.Generate(type, new CountingEntropy(42));

        // Assert
        second.Secret.Span.ToArray().Should().Equal(first.Secret.Span.ToArray());
        if (first.PublicKey is null)
        {
            second.PublicKey.Should().BeNull();
        }
        else
        {
            second.PublicKey.Should().Equal(first.PublicKey);
        }
    }

    [TestMethod]
    [DynamicData(nameof(AllCreatable))]
    public void Different_entropy_streams_give_different_keys(string wireName)
    {
        KeyType type = WireNames.Parse(wireName);

        GeneratedKey first = KeyGenerator.Generate(type, new CountingEntropy(42));
        GeneratedKey second = KeyGenerator.Generate(type, new CountingEntropy(43));

        second.Secret.Span.ToArray().Should().NotEqual(first.Secret.Span.ToArray());
    }
}
