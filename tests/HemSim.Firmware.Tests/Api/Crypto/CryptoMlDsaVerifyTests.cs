using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Tests.Api.KeyMgmt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Crypto.Parameters;
using static HemSim.Firmware.Tests.Api.Crypto.CryptoMlDsaSignTests;
using static HemSim.Firmware.Tests.Api.Crypto.CryptoRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// pqc/mldsa/verify (spec §13.13, §22 #14): signatures made by BouncyCastle (directly) with the key rebuilt from the
/// device's seed verify on the device; a failed verification answers 795 (QUIRK) or 406 (StrictMlDsaVerify), audited
/// FAILED; the imported-public-key QUIRK both ways; every 400/406 with its audit line.
/// </summary>
[TestClass]
public sealed class CryptoMlDsaVerifyTests
{
    private const string UnknownKid = "00112233445566778899aabbccddeeff";

    [TestMethod]
    [DataRow("MLDSA44", 0)]
    [DataRow("MLDSA65", 64)]
    [DataRow("MLDSA87", 255)]
    public void Signature_made_in_BouncyCastle_verifies_with_200_and_an_empty_body(string type, int contextLength)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        var privateKey = MLDsaPrivateKeyParameters.FromSeed(Parameters(type), rig.Keys.Secret(kid));
        byte[] message = [1, 2, 3];
        var context = Enumerable.Range(0, contextLength).Select(i => (byte)(255 - i)).ToArray();
        var signature = Sign(type, privateKey, message, context);
        object body = contextLength == 0
            ? new { kid, msg = B64(message), sign = B64(signature) }
            : new { kid, msg = B64(message), sign = B64(signature), ctx = B64(context) };
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("pqc/mldsa/verify", body, kid);

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
        rig.Keys.ShouldOnlyHaveLogged(before, MlDsaVerify, KeyWriteRig.Ok, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void Verifies_its_own_signature()
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("MLDSA65");
        var sign = Ok(rig.Call("pqc/mldsa/sign", new { kid, msg = "AAEC", ctx = "Y3R4" }, kid))["sign"]!.GetValue<string>();

        var response = rig.Call("pqc/mldsa/verify", new { kid, msg = "AAEC", ctx = "Y3R4", sign }, kid);

        response.Status.Should().Be(200);
    }

    /// <summary>The ways a signature can fail: each is a failed verification, never a 400.</summary>
    public static IEnumerable<object[]> Failures =>
    [
        ["tampered signature"], ["other message"], ["other context"], ["context dropped"], ["signature one byte short"],
        ["signature one byte long"], ["empty signature"],
    ];

    [TestMethod]
    [DynamicData(nameof(Failures))]
    public void A_failed_verification_answers_795_with_an_empty_body_and_is_audited_FAILED_QUIRK(string failure)
    {
        // Arrange: spec §13.13, §22 #14, real 1.2.2 hardware leaks the library error 795.
        using var rig = new CryptoRig();
        var (kid, body) = FailingRequest(rig, failure);
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("pqc/mldsa/verify", body, kid);

        // Assert
        response.Status.Should().Be(795);
        response.Body.Should().BeEmpty();
        rig.Keys.ShouldOnlyHaveLogged(before, MlDsaVerify, KeyWriteRig.Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("tampered signature")]
    [DataRow("signature one byte short")]
    public void A_failed_verification_answers_406_with_StrictMlDsaVerify(string failure)
    {
        using var rig = new CryptoRig(new HemDeviceOptions { StrictMlDsaVerify = true });
        var (kid, body) = FailingRequest(rig, failure);
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mldsa/verify", body, kid);

        response.Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(before, MlDsaVerify, KeyWriteRig.Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void Imported_public_key_answers_406_by_default_QUIRK()
    {
        // Arrange: spec §13.13, the firmware verifies with its private-key object; a valid signature is refused too.
        using var rig = new CryptoRig();
        var (publicKey, privateKey) = GenerateKeyPair("MLDSA44");
        var kid = rig.Import("MLDSA44", publicKey);
        var signature = Sign("MLDSA44", privateKey, [1], []);
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("pqc/mldsa/verify", new { kid, msg = "AQ==", sign = B64(signature) }, kid);

        // Assert
        response.Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(before, MlDsaVerify, KeyWriteRig.Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("MLDSA44")]
    [DataRow("MLDSA87")]
    public void Imported_public_key_verifies_when_PqcPublicKeys_is_set(string type)
    {
        // Arrange
        using var rig = new CryptoRig(new HemDeviceOptions { PqcPublicKeys = true });
        var (publicKey, privateKey) = GenerateKeyPair(type);
        var kid = rig.Import(type, publicKey);
        var signature = Sign(type, privateKey, [1], [2]);

        // Act
        var valid = rig.Call("pqc/mldsa/verify", new { kid, msg = "AQ==", ctx = "Ag==", sign = B64(signature) }, kid);
        signature[^40] ^= 1;
        var tampered = rig.Call("pqc/mldsa/verify", new { kid, msg = "AQ==", ctx = "Ag==", sign = B64(signature) }, kid);

        // Assert
        valid.Status.Should().Be(200);
        tampered.Status.Should().Be(795);
    }

    [TestMethod]
    [DataRow("""{"kid":"%K","msg":"AAEC"}""", DisplayName = "sign missing")]
    [DataRow("""{"kid":"%K","msg":"AAEC","sign":"***"}""", DisplayName = "sign not base64")]
    [DataRow("""{"kid":"%K","msg":"AAEC","sign":3}""", DisplayName = "sign not a string")]
    [DataRow("""{"kid":"%K","sign":"AAEC"}""", DisplayName = "msg missing")]
    [DataRow("""{"kid":"%K","msg":"***","sign":"AAEC"}""", DisplayName = "msg not base64")]
    [DataRow("""{"kid":"%K","msg":"AAEC","sign":"AAEC","ctx":"%%"}""", DisplayName = "ctx not base64")]
    [DataRow("""{"kid":"%K","msg":"AAEC","sign":"AAEC","ctx":"%256"}""", DisplayName = "ctx 256 bytes")]
    public void Malformed_field_answers_400_and_logs_ERROR_with_the_kid(string template)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("MLDSA44");
        var token = rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Device.Post("/api/crypto/pqc/mldsa/verify", template.Replace("%K", kid).Replace("%256", B64(new byte[256])), token);

        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        rig.Keys.ShouldOnlyHaveLogged(before, MlDsaVerify, KeyWriteRig.Error, Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("MLKEM768")]
    [DataRow("ED448")]
    public void A_key_that_is_not_ML_DSA_answers_406(string type)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mldsa/verify", new { kid, msg = "AAEC", sign = B64(new byte[2420]) }, kid);

        response.Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(before, MlDsaVerify, KeyWriteRig.Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void An_unknown_kid_answers_406()
    {
        using var rig = new CryptoRig();
        rig.Use(UnknownKid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mldsa/verify", new { kid = UnknownKid, msg = "AAEC", sign = "AAEC" }, UnknownKid);

        response.Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(before, MlDsaVerify, KeyWriteRig.Failed, Convert.FromHexString(UnknownKid));
    }

    [TestMethod]
    public void Plain_HTTP_answers_418_and_leaves_no_trace()
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("MLDSA44");
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mldsa/verify", new { kid, msg = "AAEC", sign = "AAEC" }, kid, tls: false);

        response.Status.Should().Be(418);
        rig.Keys.ShouldBeUnchanged(before);
    }

    [TestMethod]
    public void Another_kids_token_answers_403()
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("MLDSA44");
        var other = rig.Create("MLDSA87");

        var response = rig.Call("pqc/mldsa/verify", new { kid, msg = "AAEC", sign = "AAEC" }, kid, rig.Use(other));

        response.Status.Should().Be(403);
    }

    /// <summary>An ML-DSA-44 key and a verify body that must fail for <paramref name="failure"/>.</summary>
    private static (string Kid, object Body) FailingRequest(CryptoRig rig, string failure)
    {
        var kid = rig.Create("MLDSA44");
        var privateKey = MLDsaPrivateKeyParameters.FromSeed(Parameters("MLDSA44"), rig.Keys.Secret(kid));
        var signature = Sign("MLDSA44", privateKey, [1, 2], [3]);
        var msg = B64([1, 2]);
        var ctx = B64([3]);
        switch (failure)
        {
            case "tampered signature": signature[7] ^= 0x20; break;
            case "other message": msg = B64([1, 3]); break;
            case "other context": ctx = B64([4]); break;
            case "context dropped": return (kid, new { kid, msg, sign = B64(signature) });
            case "signature one byte short": signature = signature[..^1]; break;
            case "signature one byte long": signature = [.. signature, 0]; break;
            case "empty signature": signature = []; break;
            default: throw new ArgumentException(failure);
        }
        return (kid, new { kid, msg, ctx, sign = B64(signature) });
    }
}
