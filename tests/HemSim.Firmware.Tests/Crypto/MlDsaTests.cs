using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace HemSim.Firmware.Tests.Crypto;

/// <summary>
/// The ML-DSA adapter (FIPS 204, pure). .NET's <c>System.Security.Cryptography.MLDsa</c> reports IsSupported = false
/// on this machine (OpenSSL 3.0), so the independent side of the round trips is BouncyCastle used directly, with
/// its own key parsing and signer set up in the test.
/// </summary>
[TestClass]
public sealed class MlDsaTests
{
    [TestMethod]
    [DataRow("MLDSA44", 1312, 2420)]
    [DataRow("MLDSA65", 1952, 3309)]
    [DataRow("MLDSA87", 2592, 4627)]
    public void Sizes_follow_FIPS_204_table_2(string name, int publicKeySize, int signatureSize)
    {
        var dsa = MlDsa.For(Parse(name));

        dsa.PublicKeySize.Should().Be(publicKeySize);
        dsa.SignatureSize.Should().Be(signatureSize);
        dsa.Name.Should().Be(name);
    }

    [TestMethod]
    public void Key_generation_from_the_seed_reproduces_the_ACVP_vector()
    {
        // ACVP ML-DSA-keyGen-FIPS204 tgId 1 tcId 1 (PqcVectors).
        var key = MlDsa.MlDsa44.OpenPrivateKey(Convert.FromHexString(PqcVectors.MlDsa44KeyGenSeed));

        key.PublicKey.Export().Should().Equal(Convert.FromHexString(PqcVectors.MlDsa44KeyGenPk));
    }

    /// <summary>
    /// C2SP CCTV accumulated ML-DSA tests, 100 iterations (https://github.com/C2SP/CCTV/blob/main/ML-DSA/accumulated/README.md):
    /// seeds ξ read from one SHAKE128 stream; the public key and the deterministic signature of the empty message
    /// with the empty context written to another; its first 32 bytes are the published hash. This checks key
    /// generation from ξ and deterministic signing against 100 published keys and signatures per parameter set.
    /// </summary>
    [TestMethod]
    [DataRow("MLDSA44", "d51148e1f9f4fa1a723a6cf42e25f2a99eb5c1b378b3d2dbbd561b1203beeae4")]
    [DataRow("MLDSA65", "8358a1843220194417cadbc2651295cd8fc65125b5a5c1a239a16dc8b57ca199")]
    [DataRow("MLDSA87", "8c3ad714777622b8f21ce31bb35f71394f23bc0fcf3c78ace5d608990f3b061b")]
    public void Key_generation_and_deterministic_signing_reproduce_the_CCTV_accumulated_vector(string name, string expected)
    {
        // Arrange
        var dsa = MlDsa.For(Parse(name));
        var seeds = new ShakeDigest(128);
        var accumulator = new ShakeDigest(128);
        var seed = new byte[32];

        // Act
        for (var i = 0; i < 100; i++)
        {
            seeds.Output(seed, 0, seed.Length);
            var key = dsa.OpenPrivateKey(seed);
            var publicKey = key.PublicKey.Export();
            accumulator.BlockUpdate(publicKey, 0, publicKey.Length);
            var signature = dsa.Sign(key, [], [], entropy: null);
            accumulator.BlockUpdate(signature, 0, signature.Length);
            dsa.Verify(key.PublicKey, [], [], signature).Should().BeTrue();
        }
        var result = new byte[32];
        accumulator.OutputFinal(result, 0, result.Length);

        // Assert
        Convert.ToHexStringLower(result).Should().Be(expected);
    }

    [TestMethod]
    [DataRow("MLDSA44", 0)]
    [DataRow("MLDSA65", 32)]
    [DataRow("MLDSA87", 255)]
    public void Hedged_signature_verifies_in_BouncyCastle_only_under_its_context(string name, int contextLength)
    {
        // Arrange
        var type = Parse(name);
        var dsa = MlDsa.For(type);
        var key = dsa.OpenPrivateKey(Seed(type));
        var context = Enumerable.Range(0, contextLength).Select(i => (byte)i).ToArray();
        byte[] message = [1, 2, 3, 4];

        // Act
        var signature = dsa.Sign(key, message, context, new CountingEntropy(7));

        // Assert
        signature.Should().HaveCount(dsa.SignatureSize);
        BouncyCastleVerifies(type, key.PublicKey.Export(), message, context, signature).Should().BeTrue();
        byte[] otherContext = contextLength == 0 ? [0] : [.. context[..^1], (byte)(context[^1] ^ 1)];
        BouncyCastleVerifies(type, key.PublicKey.Export(), message, otherContext, signature).Should().BeFalse();
    }

    [TestMethod]
    public void Hedged_signing_draws_rnd_from_the_entropy_and_deterministic_signing_draws_nothing()
    {
        // Arrange: FIPS 204 Alg. 2 step 5: 32 bytes of rnd when hedged, none when deterministic.
        var dsa = MlDsa.MlDsa44;
        var key = dsa.OpenPrivateKey(Seed(KeyType.MlDsa44));
        var one = new CountingEntropy(1);
        var two = new CountingEntropy(2);

        // Act
        var first = dsa.Sign(key, [9], [], one);
        var second = dsa.Sign(key, [9], [], two);
        var deterministic = dsa.Sign(key, [9], [], entropy: null);

        // Assert
        one.BytesDrawn.Should().Be(32);
        first.Should().NotEqual(second);
        dsa.Sign(key, [9], [], entropy: null).Should().Equal(deterministic);
    }

    [TestMethod]
    public void BouncyCastle_signature_verifies_in_the_adapter_and_a_flipped_bit_does_not()
    {
        // Arrange
        var parameters = PqcKeys.MlDsaParameters(KeyType.MlDsa65);
        var seed = Seed(KeyType.MlDsa65);
        var signer = new MLDsaSigner(parameters, deterministic: false);
        signer.Init(true, new ParametersWithContext(MLDsaPrivateKeyParameters.FromSeed(parameters, seed), [7, 7]));
        signer.BlockUpdate([5, 6], 0, 2);
        var signature = signer.GenerateSignature();
        var publicKey = MlDsa.MlDsa65.ImportPublicKey(MLDsaPrivateKeyParameters.FromSeed(parameters, seed).GetPublicKeyEncoded());

        // Act
        var valid = MlDsa.MlDsa65.Verify(publicKey, [5, 6], [7, 7], signature);
        signature[100] ^= 0x01;
        var tampered = MlDsa.MlDsa65.Verify(publicKey, [5, 6], [7, 7], signature);

        // Assert
        valid.Should().BeTrue();
        tampered.Should().BeFalse();
    }

    [TestMethod]
    [DataRow(0, DisplayName = "empty")]
    [DataRow(2419, DisplayName = "one byte short")]
    [DataRow(2421, DisplayName = "one byte long")]
    public void A_signature_of_the_wrong_length_does_not_verify(int length)
    {
        var dsa = MlDsa.MlDsa44;
        var key = dsa.OpenPrivateKey(Seed(KeyType.MlDsa44));

        dsa.Verify(key.PublicKey, [1], [], new byte[length]).Should().BeFalse();
    }

    [TestMethod]
    public void A_context_over_255_bytes_never_verifies_and_cannot_sign()
    {
        var dsa = MlDsa.MlDsa44;
        var key = dsa.OpenPrivateKey(Seed(KeyType.MlDsa44));
        var signature = dsa.Sign(key, [1], new byte[255], null);

        dsa.Verify(key.PublicKey, [1], new byte[256], signature).Should().BeFalse();
        var act = () => dsa.Sign(key, [1], new byte[256], null);
        act.Should().Throw<ArgumentException>();
    }

    [TestMethod]
    public void A_public_key_of_the_wrong_length_is_invalid_and_verifies_nothing()
    {
        var key = MlDsa.MlDsa65.ImportPublicKey(new byte[1312]);

        key.IsValid.Should().BeFalse();
        MlDsa.MlDsa65.Verify(key, [1], [], new byte[3309]).Should().BeFalse();
    }

    [TestMethod]
    public void A_key_of_another_parameter_set_is_misuse()
    {
        var key = MlDsa.MlDsa44.OpenPrivateKey(Seed(KeyType.MlDsa44));

        var act = () => MlDsa.MlDsa65.Sign(key, [1], [], null);

        act.Should().Throw<ArgumentException>();
    }

    private static bool BouncyCastleVerifies(KeyType type, byte[] publicKey, byte[] message, byte[] context, byte[] signature)
    {
        var parameters = PqcKeys.MlDsaParameters(type);
        var verifier = new MLDsaSigner(parameters, deterministic: true);
        verifier.Init(false, new ParametersWithContext(MLDsaPublicKeyParameters.FromEncoding(parameters, publicKey), context));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }

    private static KeyType Parse(string name) => KeyTypes.TryParse(name, out var type) ? type : throw new ArgumentException(name);

    private static byte[] Seed(KeyType type) => PqcKeys.GenerateMlDsaSeed(type, new CountingEntropy((int)type));
}
