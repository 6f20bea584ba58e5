using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Tests.Api.KeyMgmt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Crypto.CryptoMlKemEncapsTests;
using static HemSim.Firmware.Tests.Api.Crypto.CryptoRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// pqc/mlkem/decaps (spec §13.11): BouncyCastle encapsulates to the device's public key and the device recovers the
/// secret; exact ciphertext lengths; the <c>alg</c> QUIRK (parameter-set name); every 400/406 with its audit line.
/// </summary>
[TestClass]
public sealed class CryptoMlKemDecapsTests
{
    private const string UnknownKid = "00112233445566778899aabbccddeeff";

    [TestMethod]
    [DataRow("MLKEM512")]
    [DataRow("MLKEM768")]
    [DataRow("MLKEM1024")]
    public void Recovers_the_secret_BouncyCastle_encapsulated_to_the_devices_public_key(string type)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        var (ciphertext, sharedSecret) = Encapsulate(type, rig.PublicKey(kid));
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var json = Ok(rig.Call("pqc/mlkem/decaps", new { kid, ct = B64(ciphertext) }, kid));

        // Assert: QUIRK (spec §13.11), alg = the parameter-set name, the recommended harmless string.
        json["alg"]!.GetValue<string>().Should().Be(type);
        Bytes(json, "ss").Should().Equal(sharedSecret);
        rig.Keys.ShouldOnlyHaveLogged(before, MlKemDecaps, KeyWriteRig.Ok, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void Decapsulates_its_own_encapsulation()
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("MLKEM768");
        var encapsulated = Ok(rig.Call("pqc/mlkem/encaps", new { kid }, kid));

        var json = Ok(rig.Call("pqc/mlkem/decaps", new { kid, ct = encapsulated["ct"]!.GetValue<string>() }, kid));

        Bytes(json, "ss").Should().Equal(Bytes(encapsulated, "ss"));
    }

    [TestMethod]
    public void A_forged_ciphertext_gives_the_implicit_rejection_secret_not_an_error()
    {
        // Arrange: FIPS 203 Alg. 18: the secret BouncyCastle derives from the same forged ciphertext.
        using var rig = new CryptoRig();
        var kid = rig.Create("MLKEM512");
        var (ciphertext, sharedSecret) = Encapsulate("MLKEM512", rig.PublicKey(kid));
        ciphertext[0] ^= 1;
        var expected = Decapsulate("MLKEM512", Org.BouncyCastle.Crypto.Parameters.MLKemPrivateKeyParameters.FromSeed(Parameters("MLKEM512"), rig.Keys.Secret(kid)), ciphertext);

        // Act
        var json = Ok(rig.Call("pqc/mlkem/decaps", new { kid, ct = B64(ciphertext) }, kid));

        // Assert
        Bytes(json, "ss").Should().Equal(expected).And.NotEqual(sharedSecret);
    }

    [TestMethod]
    [DataRow("""{"kid":"%K"}""", DisplayName = "ct missing")]
    [DataRow("""{"kid":"%K","ct":null}""", DisplayName = "ct null")]
    [DataRow("""{"kid":"%K","ct":"***"}""", DisplayName = "ct not base64")]
    [DataRow("""{"kid":"%K","ct":768}""", DisplayName = "ct not a string")]
    public void Malformed_ct_answers_400_and_logs_ERROR_with_the_kid(string template)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("MLKEM512");
        var token = rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Device.Post("/api/crypto/pqc/mlkem/decaps", template.Replace("%K", kid), token);

        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        rig.Keys.ShouldOnlyHaveLogged(before, MlKemDecaps, KeyWriteRig.Error, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void Malformed_ct_answers_400_even_for_an_unknown_kid()
    {
        using var rig = new CryptoRig();
        rig.Use(UnknownKid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mlkem/decaps", new { kid = UnknownKid, ct = "***" }, UnknownKid);

        response.Status.Should().Be(400);
        rig.Keys.ShouldOnlyHaveLogged(before, MlKemDecaps, KeyWriteRig.Error, Convert.FromHexString(UnknownKid));
    }

    [TestMethod]
    [DataRow("MLKEM512", 767)]
    [DataRow("MLKEM512", 769)]
    [DataRow("MLKEM512", 0)]
    [DataRow("MLKEM768", 768)]
    [DataRow("MLKEM1024", 1088)]
    public void A_ciphertext_of_another_length_answers_406(string type, int length)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mlkem/decaps", new { kid, ct = B64(new byte[length]) }, kid);

        response.Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(before, MlKemDecaps, KeyWriteRig.Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void An_imported_public_key_cannot_decapsulate(bool pqcPublicKeys)
    {
        using var rig = new CryptoRig(new HemDeviceOptions { PqcPublicKeys = pqcPublicKeys });
        var (publicKey, _) = GenerateKeyPair("MLKEM512");
        var kid = rig.Import("MLKEM512", publicKey);
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mlkem/decaps", new { kid, ct = B64(new byte[768]) }, kid);

        response.Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(before, MlKemDecaps, KeyWriteRig.Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("MLDSA65")]
    [DataRow("SHA2-256")]
    public void A_key_that_is_not_ML_KEM_answers_406(string type)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mlkem/decaps", new { kid, ct = B64(new byte[768]) }, kid);

        response.Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(before, MlKemDecaps, KeyWriteRig.Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void An_unknown_kid_answers_406()
    {
        using var rig = new CryptoRig();
        rig.Use(UnknownKid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mlkem/decaps", new { kid = UnknownKid, ct = B64(new byte[768]) }, UnknownKid);

        response.Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(before, MlKemDecaps, KeyWriteRig.Failed, Convert.FromHexString(UnknownKid));
    }

    [TestMethod]
    public void Plain_HTTP_answers_418_and_leaves_no_trace()
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("MLKEM512");
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mlkem/decaps", new { kid, ct = B64(new byte[768]) }, kid, tls: false);

        response.Status.Should().Be(418);
        rig.Keys.ShouldBeUnchanged(before);
    }
}
