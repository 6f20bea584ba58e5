using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

[TestClass]
public sealed partial class KeyGeneratorTests
{
    public static IEnumerable<object[]> AllCreatable => WireNames.AllCreatable;

    // Sizes from spec §17.1 (secret / public) and §17.5 (public encodings). ML-KEM / ML-DSA secrets are
    // the FIPS 203 d‖z and FIPS 204 ξ seeds the device stores (see PqcKeys).
    [TestMethod]
    [DataRow("SECP256R1", 32, 33)]
    [DataRow("SECP384R1", 48, 49)]
    [DataRow("SECP521R1", 66, 67)]
    [DataRow("SECP256K1", 32, 33)]
    [DataRow("CURVE25519", 32, 32)]
    [DataRow("CURVE448", 56, 56)]
    [DataRow("ED25519", 32, 32)]
    [DataRow("ED448", 57, 57)]
    [DataRow("SHA2-256", 32, 0)]
    [DataRow("SHA2-384", 48, 0)]
    [DataRow("SHA2-512", 64, 0)]
    [DataRow("SHA3-256", 32, 0)]
    [DataRow("SHA3-384", 48, 0)]
    [DataRow("SHA3-512", 64, 0)]
    [DataRow("AES128", 16, 0)]
    [DataRow("AES192", 24, 0)]
    [DataRow("AES256", 32, 0)]
    [DataRow("MLKEM512", 64, 800)]
    [DataRow("MLKEM768", 64, 1184)]
    [DataRow("MLKEM1024", 64, 1568)]
    [DataRow("MLDSA44", 32, 1312)]
    [DataRow("MLDSA65", 32, 1952)]
    [DataRow("MLDSA87", 32, 2592)]
    public void Generates_secret_and_public_key_of_the_spec_sizes(string wireName, int secretSize, int publicKeySize)
    {
        // Arrange
        KeyType type = WireNames.Parse(wireName);

        // Act
        GeneratedKey key = KeyGenerator.Generate(type, new CountingEntropy(1));

        // Assert
        key.Type.Should().Be(type);
        key.Secret.Length.Should().Be(secretSize).And.Be(KeyTypes.SecretSize(type));
        KeyTypes.PublicKeySize(type).Should().Be(publicKeySize);
        if (publicKeySize == 0)
        {
            key.PublicKey.Should().BeNull();
        }
        else
        {
            key.PublicKey.Should().HaveCount(publicKeySize);
        }
    }

    [TestMethod]
    [DataRow("SECP256R1")]
    [DataRow("SECP256K1")]
    public void Generates_compressed_33_byte_public_key_for_256_bit_curves(string wireName)
    {
        GeneratedKey key = KeyGenerator.Generate(WireNames.Parse(wireName), new CountingEntropy(2));

        key.PublicKey.Should().HaveCount(33);
        key.PublicKey![0].Should().BeOneOf((byte)0x02, (byte)0x03);
    }

    [TestMethod]
    [DynamicData(nameof(AllCreatable))]
    public void PublicKeyOf_the_stored_secret_equals_the_generated_public_key(string wireName)
    {
        // Arrange
        KeyType type = WireNames.Parse(wireName);
        GeneratedKey key = KeyGenerator.Generate(type, new CountingEntropy(3));
        if (!KeyTypes.IsAsymmetric(type))
        {
            return;
        }

        // Act
        byte[] recomputed = KeyGenerator.PublicKeyOf(type, key.Secret.Span);

        // Assert
        recomputed.Should().Equal(key.PublicKey);
    }

    [TestMethod]
    [DataRow("AES256")]
    [DataRow("SHA3-512")]
    public void PublicKeyOf_refuses_a_symmetric_type(string wireName)
    {
        Action act = () => KeyGenerator.PublicKeyOf(WireNames.Parse(wireName), new byte[32]);

        act.Should().Throw<ArgumentException>();
    }

    [TestMethod]
    public void PublicKeyOf_refuses_a_secret_of_the_wrong_length_or_a_zero_scalar()
    {
        Action shortSeed = () => KeyGenerator.PublicKeyOf(KeyType.Ed25519, new byte[31]);
        Action zeroScalar = () => KeyGenerator.PublicKeyOf(KeyType.Secp256r1, new byte[32]);

        shortSeed.Should().Throw<ArgumentException>();
        zeroScalar.Should().Throw<ArgumentException>();
    }

    [TestMethod]
    public void Generate_refuses_GENERIC_DER_and_undefined_types()
    {
        Action der = () => KeyGenerator.Generate(KeyType.GenericDer, new CountingEntropy());
        Action undefined = () => KeyGenerator.Generate((KeyType)0, new CountingEntropy());

        der.Should().Throw<ArgumentException>();
        undefined.Should().Throw<ArgumentException>();
    }

    [TestMethod]
    [DataRow("SHA2-256", 32)]
    [DataRow("SHA3-384", 48)]
    [DataRow("AES128", 16)]
    [DataRow("CURVE448", 56)]
    [DataRow("ED448", 57)]
    public void Raw_secrets_are_exactly_the_next_entropy_bytes(string wireName, int size)
    {
        // Arrange
        var entropy = new CountingEntropy(4);
        byte[] expected = new byte[size];
        new CountingEntropy(4).Fill(expected);

        // Act
        GeneratedKey key = KeyGenerator.Generate(WireNames.Parse(wireName), entropy);

        // Assert
        key.Secret.Span.ToArray().Should().Equal(expected);
        entropy.BytesDrawn.Should().Be(size);
    }
}
