using FluentAssertions;
using HemSim.Firmware.Crypto;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;

namespace HemSim.Firmware.Tests.Crypto;

/// <summary>
/// The ML-KEM adapter (FIPS 203). .NET's <c>System.Security.Cryptography.MLKem</c> reports IsSupported = false on
/// this machine (OpenSSL 3.0), so the independent side of the round trips is BouncyCastle used directly, through
/// its own encapsulator/decapsulator and key parsing rather than the adapter.
/// </summary>
[TestClass]
public sealed class MlKemTests
{
    [TestMethod]
    [DataRow("MLKEM512", 800, 768)]
    [DataRow("MLKEM768", 1184, 1088)]
    [DataRow("MLKEM1024", 1568, 1568)]
    public void Sizes_follow_FIPS_203_table_3(string name, int publicKeySize, int ciphertextSize)
    {
        var type = Parse(name);
        var kem = MlKem.For(type);

        kem.PublicKeySize.Should().Be(publicKeySize);
        kem.CiphertextSize.Should().Be(ciphertextSize);
        kem.Name.Should().Be(KeyTypes.WireName(type));
    }

    [TestMethod]
    public void Encapsulation_reproduces_the_ACVP_vector()
    {
        // Arrange: ACVP ML-KEM-encapDecap-FIPS203 tgId 1 tcId 1 (PqcVectors); m is the only entropy drawn.
        var kem = MlKem.MlKem512;
        var publicKey = kem.ImportPublicKey(Convert.FromHexString(PqcVectors.MlKem512EncapEk));
        var entropy = new ScriptedEntropy(Convert.FromHexString(PqcVectors.MlKem512EncapM));

        // Act
        var done = kem.TryEncapsulate(publicKey, entropy, out var sharedSecret, out var ciphertext);

        // Assert
        done.Should().BeTrue();
        ciphertext.Should().Equal(Convert.FromHexString(PqcVectors.MlKem512EncapC));
        sharedSecret.Should().Equal(Convert.FromHexString(PqcVectors.MlKem512EncapK));
        entropy.BytesServed.Should().Be(32);
    }

    [TestMethod]
    [DataRow("MLKEM512")]
    [DataRow("MLKEM768")]
    [DataRow("MLKEM1024")]
    public void Adapter_encapsulation_decapsulates_in_BouncyCastle(string name)
    {
        var type = Parse(name);
        // Arrange
        var kem = MlKem.For(type);
        var seed = Seed(type);
        var key = kem.OpenPrivateKey(seed);

        // Act
        kem.TryEncapsulate(key.PublicKey, new CountingEntropy(), out var sharedSecret, out var ciphertext).Should().BeTrue();

        // Assert
        var decapsulator = new MLKemDecapsulator(PqcKeys.MlKemParameters(type));
        decapsulator.Init(MLKemPrivateKeyParameters.FromSeed(PqcKeys.MlKemParameters(type), seed));
        var expected = new byte[32];
        decapsulator.Decapsulate(ciphertext, expected);
        sharedSecret.Should().Equal(expected);
        kem.Decapsulate(key, ciphertext).Should().Equal(expected);
    }

    [TestMethod]
    [DataRow("MLKEM512")]
    [DataRow("MLKEM768")]
    [DataRow("MLKEM1024")]
    public void BouncyCastle_encapsulation_to_the_exported_key_decapsulates_in_the_adapter(string name)
    {
        var type = Parse(name);
        // Arrange
        var kem = MlKem.For(type);
        var key = kem.OpenPrivateKey(Seed(type));
        var encapsulator = new MLKemEncapsulator(PqcKeys.MlKemParameters(type));
        encapsulator.Init(MLKemPublicKeyParameters.FromEncoding(PqcKeys.MlKemParameters(type), key.PublicKey.Export()));
        var ciphertext = new byte[kem.CiphertextSize];
        var expected = new byte[32];
        encapsulator.Encapsulate(ciphertext, expected);

        // Act
        var sharedSecret = kem.Decapsulate(key, ciphertext);

        // Assert
        sharedSecret.Should().Equal(expected);
    }

    [TestMethod]
    public void A_forged_ciphertext_decapsulates_to_a_stable_implicit_rejection_secret()
    {
        // Arrange: FIPS 203 Alg. 18 step 10, K̄ = J(z ‖ c): no error, another secret, the same one every time.
        var kem = MlKem.MlKem768;
        var key = kem.OpenPrivateKey(Seed(KeyType.MlKem768));
        kem.TryEncapsulate(key.PublicKey, new CountingEntropy(), out var sharedSecret, out var ciphertext);
        ciphertext[5] ^= 0x40;

        // Act
        var first = kem.Decapsulate(key, ciphertext);
        var second = kem.Decapsulate(key, ciphertext);

        // Assert
        first.Should().NotEqual(sharedSecret);
        second.Should().Equal(first);
    }

    [TestMethod]
    public void An_encapsulation_key_failing_the_modulus_check_is_invalid_and_encapsulates_nothing()
    {
        // Arrange: FIPS 203 §7.2: every 12-bit coefficient 0xFFF ≥ q = 3329.
        var kem = MlKem.MlKem512;
        var entropy = new CountingEntropy();

        // Act
        var key = kem.ImportPublicKey(Enumerable.Repeat((byte)0xFF, 800).ToArray());

        // Assert
        key.IsValid.Should().BeFalse();
        kem.TryEncapsulate(key, entropy, out _, out _).Should().BeFalse();
        entropy.BytesDrawn.Should().Be(0);
    }

    [TestMethod]
    public void An_encapsulation_key_of_the_wrong_length_is_invalid()
    {
        MlKem.MlKem768.ImportPublicKey(new byte[800]).IsValid.Should().BeFalse();
    }

    [TestMethod]
    public void A_ciphertext_of_the_wrong_length_is_misuse()
    {
        var kem = MlKem.MlKem512;
        var key = kem.OpenPrivateKey(Seed(KeyType.MlKem512));

        var act = () => kem.Decapsulate(key, new byte[767]);

        act.Should().Throw<ArgumentException>();
    }

    [TestMethod]
    public void A_key_of_another_parameter_set_is_misuse()
    {
        var key = MlKem.MlKem512.OpenPrivateKey(Seed(KeyType.MlKem512));

        var act = () => MlKem.MlKem768.Decapsulate(key, new byte[1088]);

        act.Should().Throw<ArgumentException>();
    }

    [TestMethod]
    public void Only_ML_KEM_types_have_an_instance()
    {
        var act = () => MlKem.For(KeyType.MlDsa44);

        act.Should().Throw<ArgumentException>();
    }

    private static KeyType Parse(string name) => KeyTypes.TryParse(name, out var type) ? type : throw new ArgumentException(name);

    private static byte[] Seed(KeyType type) => PqcKeys.GenerateMlKemSeed(type, new CountingEntropy((int)type));
}
