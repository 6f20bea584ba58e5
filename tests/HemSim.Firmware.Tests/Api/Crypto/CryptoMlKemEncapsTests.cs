using FluentAssertions;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Tests.Api.KeyMgmt;
using HemSim.Firmware.Tests.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using static HemSim.Firmware.Tests.Api.Crypto.CryptoRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// pqc/mlkem/encaps (spec §13.10): the device's ciphertext decapsulates in BouncyCastle (used directly: .NET's MLKem
/// is not supported on this machine) with the private key rebuilt from the stored FIPS seed; the imported-public-key
/// QUIRK both ways; every 400/403/406/418 with its audit line and no other trace.
/// </summary>
[TestClass]
public sealed class CryptoMlKemEncapsTests
{
    private const string UnknownKid = "00112233445566778899aabbccddeeff";

    [TestMethod]
    [DataRow("MLKEM512", 768)]
    [DataRow("MLKEM768", 1088)]
    [DataRow("MLKEM1024", 1568)]
    public void Encapsulation_decapsulates_in_BouncyCastle_with_the_key_rebuilt_from_its_seed(string type, int ciphertextSize)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var json = Ok(rig.Call("pqc/mlkem/encaps", new { kid }, kid));

        // Assert
        json["alg"]!.GetValue<string>().Should().Be(type);
        var sharedSecret = Bytes(json, "ss");
        var ciphertext = Bytes(json, "ct");
        sharedSecret.Should().HaveCount(32);
        ciphertext.Should().HaveCount(ciphertextSize);
        Decapsulate(type, MLKemPrivateKeyParameters.FromSeed(Parameters(type), rig.Keys.Secret(kid)), ciphertext).Should().Equal(sharedSecret);
        rig.Keys.ShouldOnlyHaveLogged(before, MlKemEncaps, KeyWriteRig.Ok, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void Each_encapsulation_draws_a_fresh_message()
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("MLKEM768");

        var first = Ok(rig.Call("pqc/mlkem/encaps", new { kid }, kid));
        var second = Ok(rig.Call("pqc/mlkem/encaps", new { kid }, kid));

        Bytes(first, "ss").Should().NotEqual(Bytes(second, "ss"));
        Bytes(first, "ct").Should().NotEqual(Bytes(second, "ct"));
    }

    [TestMethod]
    public void Imported_public_key_answers_406_by_default_QUIRK()
    {
        // Arrange: spec §13.10, the firmware encapsulates with its private-key object.
        using var rig = new CryptoRig();
        var (publicKey, _) = GenerateKeyPair("MLKEM512");
        var kid = rig.Import("MLKEM512", publicKey);
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("pqc/mlkem/encaps", new { kid }, kid);

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        rig.Keys.ShouldOnlyHaveLogged(before, MlKemEncaps, KeyWriteRig.Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("MLKEM512")]
    [DataRow("MLKEM1024")]
    public void Imported_public_key_encapsulates_when_PqcPublicKeys_is_set(string type)
    {
        // Arrange
        using var rig = new CryptoRig(new HemDeviceOptions { PqcPublicKeys = true });
        var (publicKey, privateKey) = GenerateKeyPair(type);
        var kid = rig.Import(type, publicKey);

        // Act
        var json = Ok(rig.Call("pqc/mlkem/encaps", new { kid }, kid));

        // Assert
        json["alg"]!.GetValue<string>().Should().Be(type);
        Decapsulate(type, privateKey, Bytes(json, "ct")).Should().Equal(Bytes(json, "ss"));
    }

    [TestMethod]
    public void Imported_public_key_failing_the_modulus_check_answers_406_even_with_PqcPublicKeys()
    {
        // Arrange: FIPS 203 §7.2; import checks only the length (spec §12.9).
        using var rig = new CryptoRig(new HemDeviceOptions { PqcPublicKeys = true });
        var kid = rig.Import("MLKEM512", Enumerable.Repeat((byte)0xFF, 800).ToArray());
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("pqc/mlkem/encaps", new { kid }, kid);

        // Assert
        response.Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(before, MlKemEncaps, KeyWriteRig.Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("MLDSA44")]
    [DataRow("AES256")]
    [DataRow("CURVE25519")]
    public void A_key_that_is_not_ML_KEM_answers_406(string type)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mlkem/encaps", new { kid }, kid);

        response.Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(before, MlKemEncaps, KeyWriteRig.Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void An_unknown_kid_answers_406()
    {
        using var rig = new CryptoRig();
        rig.Use(UnknownKid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mlkem/encaps", new { kid = UnknownKid }, UnknownKid);

        response.Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(before, MlKemEncaps, KeyWriteRig.Failed, Convert.FromHexString(UnknownKid));
    }

    [TestMethod]
    public void A_kid_that_is_not_32_hex_characters_answers_400()
    {
        using var rig = new CryptoRig();
        const string kid = "not-a-kid";
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mlkem/encaps", new { kid }, kid);

        response.Status.Should().Be(400);
        rig.Keys.ShouldOnlyHaveLogged(before, MlKemEncaps, KeyWriteRig.Error, []);
    }

    [TestMethod]
    public void Plain_HTTP_answers_418_and_leaves_no_trace()
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("MLKEM512");
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mlkem/encaps", new { kid }, kid, tls: false);

        response.Status.Should().Be(418);
        rig.Keys.ShouldBeUnchanged(before);
    }

    [TestMethod]
    public void Another_kids_token_answers_403()
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("MLKEM512");
        var other = rig.Create("MLKEM768");

        var response = rig.Call("pqc/mlkem/encaps", new { kid }, kid, rig.Use(other));

        response.Status.Should().Be(403);
    }

    internal static MLKemParameters Parameters(string type) => type switch
    {
        "MLKEM512" => MLKemParameters.ml_kem_512,
        "MLKEM768" => MLKemParameters.ml_kem_768,
        _ => MLKemParameters.ml_kem_1024,
    };

    /// <summary>A key pair made by BouncyCastle's own generator, outside the device.</summary>
    internal static (byte[] PublicKey, MLKemPrivateKeyParameters PrivateKey) GenerateKeyPair(string type)
    {
        var generator = new MLKemKeyPairGenerator();
        generator.Init(new MLKemKeyGenerationParameters(new Org.BouncyCastle.Security.SecureRandom(), Parameters(type)));
        var pair = generator.GenerateKeyPair();
        return (((MLKemPublicKeyParameters)pair.Public).GetEncoded(), (MLKemPrivateKeyParameters)pair.Private);
    }

    internal static byte[] Decapsulate(string type, MLKemPrivateKeyParameters privateKey, byte[] ciphertext)
    {
        var decapsulator = new MLKemDecapsulator(Parameters(type));
        decapsulator.Init(privateKey);
        var sharedSecret = new byte[32];
        decapsulator.Decapsulate(ciphertext, sharedSecret);
        return sharedSecret;
    }

    internal static (byte[] Ciphertext, byte[] SharedSecret) Encapsulate(string type, byte[] publicKey)
    {
        var encapsulator = new MLKemEncapsulator(Parameters(type));
        encapsulator.Init(MLKemPublicKeyParameters.FromEncoding(Parameters(type), publicKey));
        var ciphertext = new byte[encapsulator.EncapsulationLength];
        var sharedSecret = new byte[32];
        encapsulator.Encapsulate(ciphertext, sharedSecret);
        return (ciphertext, sharedSecret);
    }
}
