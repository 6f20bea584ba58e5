using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace HemSim.Firmware.Tests.Crypto;

// Each generated key is checked with BouncyCastle APIs other than the ones KeyGenerator uses, so a
// wrong encoding or a mismatched secret/public pair cannot pass by agreeing with itself.
public sealed partial class KeyGeneratorTests
{
    [TestMethod]
    [DataRow("SECP256R1", "secp256r1")]
    [DataRow("SECP384R1", "secp384r1")]
    [DataRow("SECP521R1", "secp521r1")]
    [DataRow("SECP256K1", "secp256k1")]
    public void SECP_public_key_decompresses_to_d_times_G(string wireName, string curveName)
    {
        // Arrange: the generic (non-specialised) curve table, not the CustomNamedCurves KeyGenerator uses.
        X9ECParameters domain = ECNamedCurveTable.GetByName(curveName);

        // Act
        GeneratedKey key = KeyGenerator.Generate(WireNames.Parse(wireName), new CountingEntropy(7));

        // Assert
        var d = new BigInteger(1, key.Secret.ToArray());
        d.SignValue.Should().Be(1);
        d.CompareTo(domain.N).Should().BeNegative();
        var decoded = domain.Curve.DecodePoint(key.PublicKey);
        decoded.IsValid().Should().BeTrue();
        decoded.Equals(domain.G.Multiply(d).Normalize()).Should().BeTrue();
    }

    [TestMethod]
    public void CURVE25519_public_key_matches_BouncyCastle_and_agrees_both_ways()
    {
        GeneratedKey alice = KeyGenerator.Generate(KeyType.Curve25519, new CountingEntropy(8));
        GeneratedKey bob = KeyGenerator.Generate(KeyType.Curve25519, new CountingEntropy(9));

        new X25519PrivateKeyParameters(alice.Secret.ToArray()).GeneratePublicKey().GetEncoded()
            .Should().Equal(alice.PublicKey);
        KeyAgreementAlgorithm.X25519.TryAgree(alice.Secret.Span, bob.PublicKey, out byte[] ab).Should().BeTrue();
        KeyAgreementAlgorithm.X25519.TryAgree(bob.Secret.Span, alice.PublicKey, out byte[] ba).Should().BeTrue();
        ab.Should().Equal(ba);
    }

    [TestMethod]
    public void CURVE448_public_key_matches_BouncyCastle_and_agrees_both_ways()
    {
        GeneratedKey alice = KeyGenerator.Generate(KeyType.Curve448, new CountingEntropy(8));
        GeneratedKey bob = KeyGenerator.Generate(KeyType.Curve448, new CountingEntropy(9));

        new X448PrivateKeyParameters(alice.Secret.ToArray()).GeneratePublicKey().GetEncoded()
            .Should().Equal(alice.PublicKey);
        KeyAgreementAlgorithm.X448.TryAgree(alice.Secret.Span, bob.PublicKey, out byte[] ab).Should().BeTrue();
        KeyAgreementAlgorithm.X448.TryAgree(bob.Secret.Span, alice.PublicKey, out byte[] ba).Should().BeTrue();
        ab.Should().Equal(ba);
    }

    [TestMethod]
    public void ED25519_public_key_verifies_a_BouncyCastle_signature()
    {
        // Arrange
        GeneratedKey key = KeyGenerator.Generate(KeyType.Ed25519, new CountingEntropy(10));
        var privateKey = new Ed25519PrivateKeyParameters(key.Secret.ToArray());
        byte[] message = "audit line"u8.ToArray();
        var signer = new Ed25519Signer();
        signer.Init(true, privateKey);
        signer.BlockUpdate(message);

        // Act
        byte[] signature = signer.GenerateSignature();

        // Assert
        privateKey.GeneratePublicKey().GetEncoded().Should().Equal(key.PublicKey);
        SignatureAlgorithm.Ed25519.Verify(key.PublicKey, message, signature).Should().BeTrue();
    }

    [TestMethod]
    public void ED448_public_key_verifies_a_BouncyCastle_signature()
    {
        // Arrange
        GeneratedKey key = KeyGenerator.Generate(KeyType.Ed448, new CountingEntropy(11));
        var privateKey = new Ed448PrivateKeyParameters(key.Secret.ToArray());
        byte[] message = "audit line"u8.ToArray();
        var signer = new Ed448Signer(context: []);
        signer.Init(true, privateKey);
        signer.BlockUpdate(message);
        byte[] signature = signer.GenerateSignature();
        var verifier = new Ed448Signer(context: []);

        // Act
        verifier.Init(false, new Ed448PublicKeyParameters(key.PublicKey));
        verifier.BlockUpdate(message);

        // Assert
        verifier.VerifySignature(signature).Should().BeTrue();
        signature.Should().HaveCount(114);
    }

    // FIPS 203: encapsulating to the generated ek and decapsulating with the stored seed agree.
    [TestMethod]
    [DataRow("MLKEM512", 768)]
    [DataRow("MLKEM768", 1088)]
    [DataRow("MLKEM1024", 1568)]
    public void MLKEM_encapsulation_to_the_public_key_decapsulates_with_the_stored_seed(string wireName, int ciphertextSize)
    {
        // Arrange
        GeneratedKey key = KeyGenerator.Generate(WireNames.Parse(wireName), new CountingEntropy(12));
        MLKemParameters parameters = MlKemParameters(wireName);
        var encapsulator = new MLKemEncapsulator(parameters);
        encapsulator.Init(new ParametersWithRandom(
            MLKemPublicKeyParameters.FromEncoding(parameters, key.PublicKey), new SecureRandom()));
        byte[] ciphertext = new byte[encapsulator.EncapsulationLength];
        byte[] sent = new byte[encapsulator.SecretLength];
        encapsulator.Encapsulate(ciphertext, sent);
        var decapsulator = new MLKemDecapsulator(parameters);
        decapsulator.Init(MLKemPrivateKeyParameters.FromSeed(parameters, key.Secret.ToArray()));
        byte[] received = new byte[decapsulator.SecretLength];

        // Act
        decapsulator.Decapsulate(ciphertext, received);

        // Assert
        ciphertext.Should().HaveCount(ciphertextSize);
        received.Should().HaveCount(32).And.Equal(sent);
    }

    // FIPS 204: a signature made with the stored seed verifies under the generated public key.
    [TestMethod]
    [DataRow("MLDSA44", 2420)]
    [DataRow("MLDSA65", 3309)]
    [DataRow("MLDSA87", 4627)]
    public void MLDSA_signature_from_the_stored_seed_verifies_with_the_public_key(string wireName, int signatureSize)
    {
        // Arrange
        GeneratedKey key = KeyGenerator.Generate(WireNames.Parse(wireName), new CountingEntropy(13));
        MLDsaParameters parameters = MlDsaParameters(wireName);
        byte[] message = "firmware 1.2.2"u8.ToArray();
        var signer = new MLDsaSigner(parameters, deterministic: true);
        signer.Init(true, MLDsaPrivateKeyParameters.FromSeed(parameters, key.Secret.ToArray()));
        signer.BlockUpdate(message);
        byte[] signature = signer.GenerateSignature();
        var verifier = new MLDsaSigner(parameters, deterministic: true);

        // Act
        verifier.Init(false, MLDsaPublicKeyParameters.FromEncoding(parameters, key.PublicKey));
        verifier.BlockUpdate(message);

        // Assert
        verifier.VerifySignature(signature).Should().BeTrue();
        signature.Should().HaveCount(signatureSize);
    }

    private static MLKemParameters MlKemParameters(string wireName) => wireName switch
    {
        "MLKEM512" => Org.BouncyCastle.Crypto.Parameters.MLKemParameters.ml_kem_512,
        "MLKEM768" => Org.BouncyCastle.Crypto.Parameters.MLKemParameters.ml_kem_768,
        _ => Org.BouncyCastle.Crypto.Parameters.MLKemParameters.ml_kem_1024,
    };

    private static MLDsaParameters MlDsaParameters(string wireName) => wireName switch
    {
        "MLDSA44" => Org.BouncyCastle.Crypto.Parameters.MLDsaParameters.ml_dsa_44,
        "MLDSA65" => Org.BouncyCastle.Crypto.Parameters.MLDsaParameters.ml_dsa_65,
        _ => Org.BouncyCastle.Crypto.Parameters.MLDsaParameters.ml_dsa_87,
    };
}
