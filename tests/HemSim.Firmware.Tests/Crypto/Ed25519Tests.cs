using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

[TestClass]
public sealed class Ed25519Tests
{
    private static readonly SignatureAlgorithm s_ed25519 = SignatureAlgorithm.Ed25519;

    private const string Test1Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private const string Test1Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string Test1Signature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    [TestMethod]
    public void Sizes_are_32_byte_seed_32_byte_public_key_64_byte_signature()
    {
        s_ed25519.PrivateKeySize.Should().Be(32);
        s_ed25519.PublicKeySize.Should().Be(32);
        s_ed25519.SignatureSize.Should().Be(64);
    }

    // RFC 8032 §7.1 TEST 1, TEST 2, TEST 3: SECRET KEY (seed), PUBLIC KEY, MESSAGE, SIGNATURE.
    [TestMethod]
    [DataRow(Test1Seed, Test1Public, "", Test1Signature)]
    [DataRow(
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    [DataRow(
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")]
    public void Matches_RFC8032_section_7_1_vectors(string seed, string publicKey, string message, string signature)
    {
        // Arrange
        byte[] seedBytes = Convert.FromHexString(seed);
        byte[] messageBytes = Convert.FromHexString(message);

        // Act
        byte[] derivedPublic = s_ed25519.GetPublicKey(seedBytes);
        byte[] produced = s_ed25519.Sign(seedBytes, messageBytes);

        // Assert
        Convert.ToHexStringLower(derivedPublic).Should().Be(publicKey);
        Convert.ToHexStringLower(produced).Should().Be(signature);
        s_ed25519.Verify(derivedPublic, messageBytes, produced).Should().BeTrue();
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(31)]
    [DataRow(63)]
    public void Verify_answers_false_when_one_signature_bit_is_flipped(int byteIndex)
    {
        byte[] signature = Convert.FromHexString(Test1Signature);
        signature[byteIndex] ^= 0x01;

        s_ed25519.Verify(Convert.FromHexString(Test1Public), [], signature).Should().BeFalse();
    }

    [TestMethod]
    public void Verify_answers_false_for_another_message()
    {
        s_ed25519.Verify(Convert.FromHexString(Test1Public), [0x00], Convert.FromHexString(Test1Signature))
            .Should().BeFalse();
    }

    [TestMethod]
    public void Verify_answers_false_for_wrong_lengths_instead_of_throwing()
    {
        byte[] publicKey = Convert.FromHexString(Test1Public);
        byte[] signature = Convert.FromHexString(Test1Signature);

        s_ed25519.Verify(publicKey[..31], [], signature).Should().BeFalse();
        s_ed25519.Verify(publicKey, [], signature[..63]).Should().BeFalse();
        s_ed25519.Verify(publicKey, [], [.. signature, 0]).Should().BeFalse();
    }

    [TestMethod]
    public void Verify_answers_false_for_a_public_key_that_is_not_a_point()
    {
        // y = 2^255 − 1 is not canonical (≥ p), so the key does not decode (RFC 8032 §5.1.3).
        byte[] notAPoint = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        notAPoint[31] = 0x7F;

        s_ed25519.Verify(notAPoint, [], Convert.FromHexString(Test1Signature)).Should().BeFalse();
    }

    [TestMethod]
    public void A_seed_of_the_wrong_length_is_misuse()
    {
        Action sign = () => s_ed25519.Sign(new byte[64], []);
        Action getPublic = () => s_ed25519.GetPublicKey(new byte[31]);

        sign.Should().Throw<ArgumentException>();
        getPublic.Should().Throw<ArgumentException>();
    }

    // RFC 8032 §7.2 (Ed25519ctx): SECRET KEY, PUBLIC KEY, MESSAGE, CONTEXT, SIGNATURE, the four "foo"/"bar" tests.
    [TestMethod]
    [DataRow(
        "0305334e381af78f141cb666f6199f57bc3495335a256a95bd2a55bf546663f6",
        "dfc9425e4f968f7f0c29f0259cf5f9aed6851c2bb4ad8bfb860cfee0ab248292",
        "f726936d19c800494e3fdaff20b276a8", "666f6f",
        "55a4cc2f70a54e04288c5f4cd1e45a7bb520b36292911876cada7323198dd87a8b36950b95130022907a7fb7c4e9b2d5f6cca685a587b4b21f4b888e4e7edb0d")]
    [DataRow(
        "0305334e381af78f141cb666f6199f57bc3495335a256a95bd2a55bf546663f6",
        "dfc9425e4f968f7f0c29f0259cf5f9aed6851c2bb4ad8bfb860cfee0ab248292",
        "f726936d19c800494e3fdaff20b276a8", "626172",
        "fc60d5872fc46b3aa69f8b5b4351d5808f92bcc044606db097abab6dbcb1aee3216c48e8b3b66431b5b186d1d28f8ee15a5ca2df6668346291c2043d4eb3e90d")]
    [DataRow(
        "0305334e381af78f141cb666f6199f57bc3495335a256a95bd2a55bf546663f6",
        "dfc9425e4f968f7f0c29f0259cf5f9aed6851c2bb4ad8bfb860cfee0ab248292",
        "508e9e6882b979fea900f62adceaca35", "666f6f",
        "8b70c1cc8310e1de20ac53ce28ae6e7207f33c3295e03bb5c0732a1d20dc64908922a8b052cf99b7c4fe107a5abb5b2c4085ae75890d02df26269d8945f84b0b")]
    [DataRow(
        "ab9c2853ce297ddab85c993b3ae14bcad39b2c682beabc27d6d4eb20711d6560",
        "0f1d1274943b91415889152e893d80e93275a1fc0b65fd71b4b0dda10ad7d772",
        "f726936d19c800494e3fdaff20b276a8", "666f6f",
        "21655b5f1aa965996b3f97b3c849eafba922a0a62992f73b3d1b73106a84ad85e9b86a7b6005ea868337ff2d20a7f5fbd4cd10b0be49a68da2b2e0dc0ad8960f")]
    public void Ed25519ctx_matches_RFC8032_section_7_2_vectors(string seed, string publicKey, string message, string context, string signature) =>
        MatchesVector(SignatureAlgorithm.Ed25519ctx, seed, publicKey, message, context, signature);

    // RFC 8032 §7.3 (Ed25519ph): TEST abc, no context.
    [TestMethod]
    [DataRow(
        "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
        "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
        "616263", "",
        "98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae4131f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406")]
    public void Ed25519ph_matches_RFC8032_section_7_3_vector(string seed, string publicKey, string message, string context, string signature) =>
        MatchesVector(SignatureAlgorithm.Ed25519ph, seed, publicKey, message, context, signature);

    [TestMethod]
    public void Variants_differ_in_their_context_rules()
    {
        // RFC 8032 §5.1: Ed25519 has no context; Ed25519ctx needs a non-empty one; Ed25519ph takes 0–255 bytes.
        s_ed25519.IsValidContext([]).Should().BeTrue();
        s_ed25519.IsValidContext([1]).Should().BeFalse();
        SignatureAlgorithm.Ed25519ctx.IsValidContext([]).Should().BeFalse();
        SignatureAlgorithm.Ed25519ctx.IsValidContext(new byte[255]).Should().BeTrue();
        SignatureAlgorithm.Ed25519ctx.IsValidContext(new byte[256]).Should().BeFalse();
        SignatureAlgorithm.Ed25519ph.IsValidContext([]).Should().BeTrue();
        SignatureAlgorithm.Ed25519ph.IsValidContext(new byte[256]).Should().BeFalse();
    }

    [TestMethod]
    public void Signing_with_a_context_the_variant_forbids_is_misuse_and_verifying_answers_false()
    {
        byte[] seed = Convert.FromHexString(Test1Seed);
        Action ctxOnPure = () => s_ed25519.Sign(seed, [], [1]);
        Action emptyCtx = () => SignatureAlgorithm.Ed25519ctx.Sign(seed, [], []);

        ctxOnPure.Should().Throw<ArgumentException>();
        emptyCtx.Should().Throw<ArgumentException>();
        s_ed25519.Verify(Convert.FromHexString(Test1Public), [], Convert.FromHexString(Test1Signature), [1]).Should().BeFalse();
    }

    [TestMethod]
    public void Loaded_key_signs_every_variant_like_the_raw_key()
    {
        // The cached handle (ExdsaPrivateKey) and the raw-key surface give the same deterministic signatures.
        byte[] seed = Convert.FromHexString(Test1Seed);
        byte[] publicKey = Convert.FromHexString(Test1Public);
        var key = ExdsaPrivateKey.Open(KeyType.Ed25519, seed, publicKey);
        var verifier = ExdsaPublicKey.Open(KeyType.Ed25519, publicKey);
        byte[] message = [1, 2, 3];

        foreach (var (alg, variant, ctx) in new[]
        {
            (ExdsaAlgorithm.Ed25519, SignatureAlgorithm.Ed25519, Array.Empty<byte>()),
            (ExdsaAlgorithm.Ed25519ctx, SignatureAlgorithm.Ed25519ctx, "foo"u8.ToArray()),
            (ExdsaAlgorithm.Ed25519ph, SignatureAlgorithm.Ed25519ph, Array.Empty<byte>()),
        })
        {
            var signature = key.Sign(alg, message, ctx);
            signature.Should().Equal(variant.Sign(seed, message, ctx));
            verifier.Verify(alg, message, signature, ctx).Should().BeTrue();
            verifier.Verify(alg, [.. message, 4], signature, ctx).Should().BeFalse();
        }
    }

    private static void MatchesVector(SignatureAlgorithm algorithm, string seed, string publicKey, string message, string context, string signature)
    {
        // Arrange
        byte[] seedBytes = Convert.FromHexString(seed);
        byte[] messageBytes = Convert.FromHexString(message);
        byte[] contextBytes = Convert.FromHexString(context);

        // Act
        byte[] derivedPublic = algorithm.GetPublicKey(seedBytes);
        byte[] produced = algorithm.Sign(seedBytes, messageBytes, contextBytes);

        // Assert
        Convert.ToHexStringLower(derivedPublic).Should().Be(publicKey);
        Convert.ToHexStringLower(produced).Should().Be(signature);
        algorithm.Verify(derivedPublic, messageBytes, produced, contextBytes).Should().BeTrue();
        algorithm.Verify(derivedPublic, messageBytes, produced, [.. contextBytes, 0]).Should().BeFalse();
    }
}
