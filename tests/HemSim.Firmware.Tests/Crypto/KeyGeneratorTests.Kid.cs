using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

public sealed partial class KeyGeneratorTests
{
    // Spec §17.4 and §22 #13: SHA-1 over the §17.5 public encoding for asymmetric keys, over the key
    // bytes for symmetric ones, first 16 bytes.
    [TestMethod]
    [DynamicData(nameof(AllCreatable))]
    public void KidOf_is_the_16_byte_SHA1_prefix_of_the_public_key_or_the_secret(string wireName)
    {
        // Arrange
        KeyType type = WireNames.Parse(wireName);
        GeneratedKey key = KeyGenerator.Generate(type, new CountingEntropy(5));
        byte[] hashed = key.PublicKey ?? key.Secret.ToArray();

        // Act
        byte[] kid = KeyGenerator.KidOf(type, key.Secret.Span, key.PublicKey);

        // Assert
        kid.Should().HaveCount(16);
        kid.Should().Equal(SHA1.HashData(hashed).Take(16));
    }

    [TestMethod]
    public void Symmetric_kid_depends_only_on_the_key_bytes()
    {
        // [T] expects SHA2-256 and AES256 keys with the same material to collide (spec §17.4).
        byte[] material = new byte[32];
        new CountingEntropy(6).Fill(material);

        byte[] hmacKid = KeyGenerator.KidOf(KeyType.Sha2_256, material, publicKey: null);
        byte[] aesKid = KeyGenerator.KidOf(KeyType.Aes256, material, publicKey: null);

        aesKid.Should().Equal(hmacKid);
    }

    [TestMethod]
    public void KidOf_refuses_GENERIC_DER_and_an_asymmetric_key_without_public_key()
    {
        Action der = () => KeyGenerator.KidOf(KeyType.GenericDer, new byte[10], publicKey: null);
        Action missingPublic = () => KeyGenerator.KidOf(KeyType.Ed25519, new byte[32], publicKey: null);

        der.Should().Throw<ArgumentException>();
        missingPublic.Should().Throw<ArgumentException>();
    }
}
