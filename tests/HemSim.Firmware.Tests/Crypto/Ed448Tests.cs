using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

[TestClass]
public sealed class Ed448Tests
{
    private const string OctetSeed = "c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e";
    private const string OctetPublic = "43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c0866aea01eb00742802b8438ea4cb82169c235160627b4c3a9480";
    private const string OctetWithContextSignature =
        "d4f8f6131770dd46f40867d6fd5d5055de43541f8c5e35abbcd001b32a89f7d2151f7647f11d8ca2ae279fb842d607217fce6e042f6815ea00"
        + "0c85741de5c8da1144a6a1aba7f96de42505d7a7298524fda538fccbbb754f578c1cad10d54d0d5428407e85dcbc98a49155c13764e66c3c00";

    [TestMethod]
    public void Sizes_are_57_byte_seed_57_byte_public_key_114_byte_signature()
    {
        foreach (var algorithm in new[] { SignatureAlgorithm.Ed448, SignatureAlgorithm.Ed448ph })
        {
            algorithm.PrivateKeySize.Should().Be(57);
            algorithm.PublicKeySize.Should().Be(57);
            algorithm.SignatureSize.Should().Be(114);
            algorithm.IsValidContext([]).Should().BeTrue("RFC 8032 §5.2: the context may be empty");
            algorithm.IsValidContext(new byte[255]).Should().BeTrue();
            algorithm.IsValidContext(new byte[256]).Should().BeFalse();
        }
    }

    // RFC 8032 §7.4 (Ed448): -----Blank, -----1 octet, -----1 octet (with context), -----11 octets, -----12 octets,
    // -----13 octets: SECRET KEY, PUBLIC KEY, MESSAGE, CONTEXT, SIGNATURE.
    [TestMethod]
    [DataRow(
        "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b",
        "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180",
        "", "",
        "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980"
        + "ff0d2028d4b18a9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4dbb61149f05a7363268c71d95808ff2e652600",
        DisplayName = "Blank")]
    [DataRow(OctetSeed, OctetPublic, "03", "",
        "26b8f91727bd62897af15e41eb43c377efb9c610d48f2335cb0bd0087810f4352541b143c4b981b7e18f62de8ccdf633fc1bf037ab7cd77980"
        + "5e0dbcc0aae1cbcee1afb2e027df36bc04dcecbf154336c19f0af7e0a6472905e799f1953d2a0ff3348ab21aa4adafd1d234441cf807c03a00",
        DisplayName = "1 octet")]
    [DataRow(OctetSeed, OctetPublic, "03", "666f6f", OctetWithContextSignature, DisplayName = "1 octet (with context)")]
    [DataRow(
        "cd23d24f714274e744343237b93290f511f6425f98e64459ff203e8985083ffdf60500553abc0e05cd02184bdb89c4ccd67e187951267eb328",
        "dcea9e78f35a1bf3499a831b10b86c90aac01cd84b67a0109b55a36e9328b1e365fce161d71ce7131a543ea4cb5f7e9f1d8b00696447001400",
        "0c3e544074ec63b0265e0c", "",
        "1f0a8888ce25e8d458a21130879b840a9089d999aaba039eaf3e3afa090a09d389dba82c4ff2ae8ac5cdfb7c55e94d5d961a29fe0109941e00"
        + "b8dbdeea6d3b051068df7254c0cdc129cbe62db2dc957dbb47b51fd3f213fb8698f064774250a5028961c9bf8ffd973fe5d5c206492b140e00",
        DisplayName = "11 octets")]
    [DataRow(
        "258cdd4ada32ed9c9ff54e63756ae582fb8fab2ac721f2c8e676a72768513d939f63dddb55609133f29adf86ec9929dccb52c1c5fd2ff7e21b",
        "3ba16da0c6f2cc1f30187740756f5e798d6bc5fc015d7c63cc9510ee3fd44adc24d8e968b6e46e6f94d19b945361726bd75e149ef09817f580",
        "64a65f3cdedcdd66811e2915", "",
        "7eeeab7c4e50fb799b418ee5e3197ff6bf15d43a14c34389b59dd1a7b1b85b4ae90438aca634bea45e3a2695f1270f07fdcdf7c62b8efeaf00"
        + "b45c2c96ba457eb1a8bf075a3db28e5c24f6b923ed4ad747c3c9e03c7079efb87cb110d3a99861e72003cbae6d6b8b827e4e6c143064ff3c00",
        DisplayName = "12 octets")]
    [DataRow(
        "7ef4e84544236752fbb56b8f31a23a10e42814f5f55ca037cdcc11c64c9a3b2949c1bb60700314611732a6c2fea98eebc0266a11a93970100e",
        "b3da079b0aa493a5772029f0467baebee5a8112d9d3a22532361da294f7bb3815c5dc59e176b4d9f381ca0938e13c6c07b174be65dfa578e80",
        "64a65f3cdedcdd66811e2915e7", "",
        "6a12066f55331b6c22acd5d5bfc5d71228fbda80ae8dec26bdd306743c5027cb4890810c162c027468675ecf645a83176c0d7323a2ccde2d80"
        + "efe5a1268e8aca1d6fbc194d3f77c44986eb4ab4177919ad8bec33eb47bbb5fc6e28196fd1caf56b4e7e0ba5519234d047155ac727a1053100",
        DisplayName = "13 octets")]
    public void Ed448_matches_RFC8032_section_7_4_vectors(string seed, string publicKey, string message, string context, string signature) =>
        MatchesVector(SignatureAlgorithm.Ed448, seed, publicKey, message, context, signature);

    // RFC 8032 §7.5 (Ed448ph): TEST abc, and TEST abc (with context "foo").
    [TestMethod]
    [DataRow(
        "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42ef7822e0d5104127dc05d6dbefde69e3ab2cec7c867c6e2c49",
        "259b71c19f83ef77a7abd26524cbdb3161b590a48f7d17de3ee0ba9c52beb743c09428a131d6b1b57303d90d8132c276d5ed3d5d01c0f53880",
        "616263", "",
        "822f6901f7480f3d5f562c592994d9693602875614483256505600bbc281ae381f54d6bce2ea911574932f52a4e6cadd78769375ec3ffd1b80"
        + "1a0d9b3f4030cd433964b6457ea39476511214f97469b57dd32dbc560a9a94d00bff07620464a3ad203df7dc7ce360c3cd3696d9d9fab90f00",
        DisplayName = "abc")]
    [DataRow(
        "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42ef7822e0d5104127dc05d6dbefde69e3ab2cec7c867c6e2c49",
        "259b71c19f83ef77a7abd26524cbdb3161b590a48f7d17de3ee0ba9c52beb743c09428a131d6b1b57303d90d8132c276d5ed3d5d01c0f53880",
        "616263", "666f6f",
        "c32299d46ec8ff02b54540982814dce9a05812f81962b649d528095916a2aa481065b1580423ef927ecf0af5888f90da0f6a9a85ad5dc3f280"
        + "d91224ba9911a3653d00e484e2ce232521481c8658df304bb7745a73514cdb9bf3e15784ab71284f8d0704a608c54a6b62d97beb511d132100",
        DisplayName = "abc (with context)")]
    public void Ed448ph_matches_RFC8032_section_7_5_vectors(string seed, string publicKey, string message, string context, string signature) =>
        MatchesVector(SignatureAlgorithm.Ed448ph, seed, publicKey, message, context, signature);

    [TestMethod]
    public void Verify_answers_false_for_wrong_lengths_a_flipped_bit_or_a_non_point_key()
    {
        byte[] publicKey = Convert.FromHexString(OctetPublic);
        byte[] signature = Convert.FromHexString(OctetWithContextSignature);
        byte[] flipped = [.. signature];
        flipped[10] ^= 0x01;

        SignatureAlgorithm.Ed448.Verify(publicKey, [0x03], signature, "foo"u8).Should().BeTrue();
        SignatureAlgorithm.Ed448.Verify(publicKey, [0x03], flipped, "foo"u8).Should().BeFalse();
        SignatureAlgorithm.Ed448.Verify(publicKey, [0x03], signature[..113], "foo"u8).Should().BeFalse();
        SignatureAlgorithm.Ed448.Verify(publicKey[..56], [0x03], signature, "foo"u8).Should().BeFalse();
        SignatureAlgorithm.Ed448.Verify(Enumerable.Repeat((byte)0xFF, 57).ToArray(), [0x03], signature, "foo"u8).Should().BeFalse();
        SignatureAlgorithm.Ed448.Verify(publicKey, [0x03], signature, new byte[256]).Should().BeFalse();
    }

    [TestMethod]
    public void Loaded_key_signs_like_the_raw_key_and_an_unloadable_public_key_verifies_nothing()
    {
        // Arrange
        byte[] seed = Convert.FromHexString(OctetSeed);
        byte[] publicKey = Convert.FromHexString(OctetPublic);
        var key = ExdsaPrivateKey.Open(KeyType.Ed448, seed, publicKey);

        // Act
        var signature = key.Sign(ExdsaAlgorithm.Ed448, [0x03], "foo"u8);
        var prehashed = key.Sign(ExdsaAlgorithm.Ed448ph, [0x03], "foo"u8);

        // Assert
        Convert.ToHexStringLower(signature).Should().Be(OctetWithContextSignature);
        prehashed.Should().Equal(SignatureAlgorithm.Ed448ph.Sign(seed, [0x03], "foo"u8));
        ExdsaPublicKey.Open(KeyType.Ed448, publicKey).Verify(ExdsaAlgorithm.Ed448ph, [0x03], prehashed, "foo"u8).Should().BeTrue();
        ExdsaPublicKey.Open(KeyType.Ed448, Enumerable.Repeat((byte)0xFF, 57).ToArray())
            .Verify(ExdsaAlgorithm.Ed448, [0x03], signature, "foo"u8).Should().BeFalse();
    }

    [TestMethod]
    public void A_seed_of_the_wrong_length_is_misuse()
    {
        Action sign = () => SignatureAlgorithm.Ed448.Sign(new byte[32], []);
        Action load = () => ExdsaPrivateKey.Open(KeyType.Ed448, new byte[32], new byte[57]);

        sign.Should().Throw<ArgumentException>();
        load.Should().Throw<ArgumentException>();
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
