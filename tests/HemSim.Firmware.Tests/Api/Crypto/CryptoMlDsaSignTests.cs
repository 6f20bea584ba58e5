using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Tests.Api.KeyMgmt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using static HemSim.Firmware.Tests.Api.Crypto.CryptoRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// pqc/mldsa/sign (spec §13.12): the device's pure ML-DSA signature verifies in BouncyCastle (used directly: .NET's
/// MLDsa is not supported on this machine) under the same context only; hedged signing; every 400/406 with its
/// audit line and no other trace.
/// </summary>
[TestClass]
public sealed class CryptoMlDsaSignTests
{
    private const string UnknownKid = "00112233445566778899aabbccddeeff";

    [TestMethod]
    [DataRow("MLDSA44", 2420, 0)]
    [DataRow("MLDSA65", 3309, 32)]
    [DataRow("MLDSA87", 4627, 255)]
    public void Signature_verifies_in_BouncyCastle_under_its_context(string type, int signatureSize, int contextLength)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        byte[] message = [.. "ML-DSA on the HEM"u8];
        var context = Enumerable.Range(1, contextLength).Select(i => (byte)i).ToArray();
        object body = contextLength == 0 ? new { kid, msg = B64(message) } : new { kid, msg = B64(message), ctx = B64(context) };
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var json = Ok(rig.Call("pqc/mldsa/sign", body, kid));

        // Assert
        json["alg"]!.GetValue<string>().Should().Be(type);
        var signature = Bytes(json, "sign");
        signature.Should().HaveCount(signatureSize);
        Verifies(type, rig.PublicKey(kid), message, context, signature).Should().BeTrue();
        byte[] otherContext = contextLength == 0 ? [9] : [.. context[..^1], (byte)(context[^1] ^ 1)];
        Verifies(type, rig.PublicKey(kid), message, otherContext, signature).Should().BeFalse();
        rig.Keys.ShouldOnlyHaveLogged(before, MlDsaSign, KeyWriteRig.Ok, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void Signing_is_hedged_with_device_entropy()
    {
        // FIPS 204 §3.4: the hedged variant; two signatures of one message differ and both verify.
        using var rig = new CryptoRig();
        var kid = rig.Create("MLDSA44");

        var first = Bytes(Ok(rig.Call("pqc/mldsa/sign", new { kid, msg = "AAEC" }, kid)), "sign");
        var second = Bytes(Ok(rig.Call("pqc/mldsa/sign", new { kid, msg = "AAEC" }, kid)), "sign");

        first.Should().NotEqual(second);
        Verifies("MLDSA44", rig.PublicKey(kid), [0, 1, 2], [], first).Should().BeTrue();
        Verifies("MLDSA44", rig.PublicKey(kid), [0, 1, 2], [], second).Should().BeTrue();
    }

    [TestMethod]
    [DataRow("""{"kid":"%K"}""", DisplayName = "msg missing")]
    [DataRow("""{"kid":"%K","msg":"***"}""", DisplayName = "msg not base64")]
    [DataRow("""{"kid":"%K","msg":5}""", DisplayName = "msg not a string")]
    [DataRow("""{"kid":"%K","msg":"AAEC","ctx":"%%"}""", DisplayName = "ctx not base64")]
    [DataRow("""{"kid":"%K","msg":"AAEC","ctx":1}""", DisplayName = "ctx not a string")]
    [DataRow("""{"kid":"%K","msg":"AAEC","ctx":"%256"}""", DisplayName = "ctx 256 bytes")]
    public void Malformed_field_answers_400_and_logs_ERROR_with_the_kid(string template)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("MLDSA44");
        var token = rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Device.Post("/api/crypto/pqc/mldsa/sign", template.Replace("%K", kid).Replace("%256", B64(new byte[256])), token);

        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        rig.Keys.ShouldOnlyHaveLogged(before, MlDsaSign, KeyWriteRig.Error, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void Malformed_field_answers_400_even_for_an_unknown_kid()
    {
        using var rig = new CryptoRig();
        rig.Use(UnknownKid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mldsa/sign", new { kid = UnknownKid }, UnknownKid);

        response.Status.Should().Be(400);
        rig.Keys.ShouldOnlyHaveLogged(before, MlDsaSign, KeyWriteRig.Error, Convert.FromHexString(UnknownKid));
    }

    [TestMethod]
    public void An_imported_public_key_cannot_sign()
    {
        using var rig = new CryptoRig(new HemDeviceOptions { PqcPublicKeys = true });
        var kid = rig.Import("MLDSA44", GenerateKeyPair("MLDSA44").PublicKey);
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mldsa/sign", new { kid, msg = "AAEC" }, kid);

        response.Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(before, MlDsaSign, KeyWriteRig.Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("MLKEM512")]
    [DataRow("ED25519")]
    public void A_key_that_is_not_ML_DSA_answers_406(string type)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mldsa/sign", new { kid, msg = "AAEC" }, kid);

        response.Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(before, MlDsaSign, KeyWriteRig.Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void An_unknown_kid_answers_406()
    {
        using var rig = new CryptoRig();
        rig.Use(UnknownKid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mldsa/sign", new { kid = UnknownKid, msg = "AAEC" }, UnknownKid);

        response.Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(before, MlDsaSign, KeyWriteRig.Failed, Convert.FromHexString(UnknownKid));
    }

    [TestMethod]
    public void Plain_HTTP_answers_418_and_leaves_no_trace()
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("MLDSA44");
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        var response = rig.Call("pqc/mldsa/sign", new { kid, msg = "AAEC" }, kid, tls: false);

        response.Status.Should().Be(418);
        rig.Keys.ShouldBeUnchanged(before);
    }

    [TestMethod]
    public void Another_kids_token_answers_403()
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("MLDSA44");
        var other = rig.Create("MLDSA65");

        var response = rig.Call("pqc/mldsa/sign", new { kid, msg = "AAEC" }, kid, rig.Use(other));

        response.Status.Should().Be(403);
    }

    internal static MLDsaParameters Parameters(string type) => type switch
    {
        "MLDSA44" => MLDsaParameters.ml_dsa_44,
        "MLDSA65" => MLDsaParameters.ml_dsa_65,
        _ => MLDsaParameters.ml_dsa_87,
    };

    /// <summary>A key pair made by BouncyCastle's own generator, outside the device.</summary>
    internal static (byte[] PublicKey, MLDsaPrivateKeyParameters PrivateKey) GenerateKeyPair(string type)
    {
        var generator = new MLDsaKeyPairGenerator();
        generator.Init(new MLDsaKeyGenerationParameters(new Org.BouncyCastle.Security.SecureRandom(), Parameters(type)));
        var pair = generator.GenerateKeyPair();
        return (((MLDsaPublicKeyParameters)pair.Public).GetEncoded(), (MLDsaPrivateKeyParameters)pair.Private);
    }

    internal static bool Verifies(string type, byte[] publicKey, byte[] message, byte[] context, byte[] signature)
    {
        var verifier = new MLDsaSigner(Parameters(type), deterministic: true);
        verifier.Init(false, new ParametersWithContext(MLDsaPublicKeyParameters.FromEncoding(Parameters(type), publicKey), context));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }

    internal static byte[] Sign(string type, MLDsaPrivateKeyParameters privateKey, byte[] message, byte[] context)
    {
        var signer = new MLDsaSigner(Parameters(type), deterministic: false);
        signer.Init(true, new ParametersWithContext(privateKey, context));
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }
}
