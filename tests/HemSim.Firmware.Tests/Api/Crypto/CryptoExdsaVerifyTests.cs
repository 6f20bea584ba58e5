using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using HemSim.Firmware.Tests.Api.KeyMgmt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Crypto.CryptoRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// POST /api/crypto/exdsa/verify (spec §13.4): signatures made here with .NET/BouncyCastle verify on the device
/// with the imported public key, the device's own signatures verify with the signing kid, and every tampering,
/// malformed or missing field is refused with its status and audit line.
/// </summary>
[TestClass]
public sealed class CryptoExdsaVerifyTests
{
    private static readonly byte[] s_msg = "attack at dawn"u8.ToArray();
    private static readonly byte[] s_ctx = RandomNumberGenerator.GetBytes(32);

    private static byte[] CtxFor(string alg) => alg.StartsWith("SHA", StringComparison.Ordinal) || alg == "Ed25519" ? [] : s_ctx;

    private static object Body(string kid, string alg, byte[] msg, byte[] signature, byte[]? ctx = null) => ctx is null
        ? new { kid, msg = B64(msg), sign = B64(signature), alg }
        : new { kid, msg = B64(msg), sign = B64(signature), alg, ctx = B64(ctx) };

    /// <summary>Signs here and imports the public key (SECP with the ExDSA usage): the kid and the signature.</summary>
    private static (string Kid, byte[] Signature) Imported(CryptoRig rig, string type, string alg)
    {
        var (publicKey, signature) = ExdsaPeer.Sign(type, alg, s_msg, CtxFor(alg));
        return (rig.Import(type, publicKey, ExdsaPeer.IsSecp(type) ? "ExDSA" : null), signature);
    }

    [TestMethod]
    [DynamicData(nameof(ExdsaPeer.Pairs), typeof(ExdsaPeer))]
    public void Signature_made_elsewhere_verifies_with_the_imported_public_key(string type, string alg)
    {
        // Arrange
        using var rig = new CryptoRig();
        var (kid, signature) = Imported(rig, type, alg);

        // Act
        var response = rig.Call("exdsa/verify", Body(kid, alg, s_msg, signature, CtxFor(alg)), kid);

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
    }

    [TestMethod]
    [DynamicData(nameof(ExdsaPeer.Pairs), typeof(ExdsaPeer))]
    public void Device_signature_verifies_with_the_signing_kid_and_fails_for_another_message(string type, string alg)
    {
        // Arrange: [T] verifies with the kid that signed.
        using var rig = new CryptoRig();
        var kid = CryptoExdsaSignTests.CreateSigningKey(rig, type);
        var signature = Bytes(Ok(rig.Call("exdsa/sign", CryptoExdsaSignTests.Body(kid, alg, s_msg, s_ctx), kid)), "sign");

        // Act
        var valid = rig.Call("exdsa/verify", Body(kid, alg, s_msg, signature, s_ctx), kid);
        var tampered = rig.Call("exdsa/verify", Body(kid, alg, [.. s_msg, 0x21], signature, s_ctx), kid);

        // Assert
        valid.Status.Should().Be(200);
        tampered.Status.Should().Be(406);
    }

    [TestMethod]
    public void Valid_signature_logs_OK_with_the_kid_and_changes_no_slot()
    {
        // Arrange
        using var rig = new CryptoRig();
        var (kid, signature) = Imported(rig, "SECP256R1", "SHA256WithECDSA");
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("exdsa/verify", Body(kid, "SHA256WithECDSA", s_msg, signature), kid);

        // Assert
        response.Status.Should().Be(200);
        rig.Keys.ShouldOnlyHaveLogged(before, ExdsaVerify, KeyWriteRig.Ok, Convert.FromHexString(kid));
    }

    /// <summary>Ways a signature can be wrong, applied to a valid one.</summary>
    public static IEnumerable<object[]> Tamperings =>
        from pair in new[] { ("SECP256R1", "SHA256WithECDSA"), ("SECP521R1", "SHA384WithECDSA"), ("ED25519", "Ed25519ctx"), ("ED448", "Ed448ph") }
        from tampering in new[] { "flipped bit", "truncated", "one byte longer", "empty", "other message", "other hash or variant", "other context" }
        select new object[] { pair.Item1, pair.Item2, tampering };

    [TestMethod]
    [DynamicData(nameof(Tamperings))]
    public void Invalid_signature_answers_406_and_logs_FAILED(string type, string alg, string tampering)
    {
        // Arrange
        using var rig = new CryptoRig();
        var (kid, signature) = Imported(rig, type, alg);
        byte[] msg = s_msg, ctx = CtxFor(alg);
        var otherAlg = alg;
        switch (tampering)
        {
            case "flipped bit": signature[signature.Length / 2] ^= 0x04; break;
            case "truncated": signature = signature[..^1]; break;
            case "one byte longer": signature = [.. signature, 0]; break;
            case "empty": signature = []; break;
            case "other message": msg = [.. s_msg, 0x2e]; break;
            case "other hash or variant": otherAlg = alg switch { "SHA256WithECDSA" => "SHA512WithECDSA", "SHA384WithECDSA" => "SHA256WithECDSA", "Ed25519ctx" => "Ed25519ph", _ => "Ed448" }; break;
            default: ctx = ExdsaPeer.IsSecp(type) ? ctx : [.. ctx, 1]; msg = ExdsaPeer.IsSecp(type) ? [0x2e] : msg; break;
        }
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("exdsa/verify", Body(kid, otherAlg, msg, signature, ctx), kid);

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        rig.Keys.ShouldOnlyHaveLogged(before, ExdsaVerify, KeyWriteRig.Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow("3000", DisplayName = "SEQUENCE without integers")]
    [DataRow("30060201010201", DisplayName = "truncated second INTEGER")]
    [DataRow("300602010102010100", DisplayName = "trailing byte")]
    [DataRow("0201010201010000", DisplayName = "no SEQUENCE")]
    [DataRow("3006020100020101", DisplayName = "r = 0")]
    public void Malformed_DER_answers_406(string der)
    {
        // Arrange
        using var rig = new CryptoRig();
        var (kid, _) = Imported(rig, "SECP256K1", "SHA256WithECDSA");

        // Act
        var response = rig.Call("exdsa/verify", Body(kid, "SHA256WithECDSA", s_msg, Convert.FromHexString(der)), kid);

        // Assert
        response.Status.Should().Be(406);
    }

    [TestMethod]
    public void Imported_SECP_key_without_ExDSA_cannot_verify()
    {
        // Arrange: SIM choice (§13.4 "same alg/curve pairing as C3"): the ExDSA flag is the key's permission.
        using var rig = new CryptoRig();
        var (publicKey, signature) = ExdsaPeer.Sign("SECP256R1", "SHA256WithECDSA", s_msg, []);
        var kid = rig.Import("SECP256R1", publicKey);

        // Act
        var response = rig.Call("exdsa/verify", Body(kid, "SHA256WithECDSA", s_msg, signature), kid);

        // Assert
        response.Status.Should().Be(406);
    }

    [TestMethod]
    public void Imported_Ed25519_key_that_is_no_curve_point_verifies_nothing()
    {
        // Arrange: import checks EdDSA keys by length only; y = 2^255 − 1 is not canonical (RFC 8032 §5.1.3).
        using var rig = new CryptoRig();
        byte[] notAPoint = [.. Enumerable.Repeat((byte)0xFF, 31), 0x7F];
        var kid = rig.Import("ED25519", notAPoint);

        // Act
        var response = rig.Call("exdsa/verify", Body(kid, "Ed25519", s_msg, new byte[64]), kid);

        // Assert
        response.Status.Should().Be(406);
    }

    [TestMethod]
    [DataRow("ED25519", "Ed448")]
    [DataRow("SECP256R1", "Ed25519")]
    [DataRow("ED448", "SHA512WithECDSA")]
    public void Alg_that_does_not_fit_the_key_answers_406(string type, string alg)
    {
        // Arrange
        using var rig = new CryptoRig();
        var (kid, signature) = Imported(rig, type, type == "ED25519" ? "Ed25519" : type == "ED448" ? "Ed448" : "SHA256WithECDSA");

        // Act
        var response = rig.Call("exdsa/verify", Body(kid, alg, s_msg, signature), kid);

        // Assert
        response.Status.Should().Be(406);
    }

    [TestMethod]
    [DataRow(null, DisplayName = "absent")]
    [DataRow("", DisplayName = "empty")]
    public void Ed25519ctx_without_a_context_answers_406(string? ctx)
    {
        // Arrange: RFC 8032 §5.1 forbids an empty Ed25519ctx context (§22 #44).
        using var rig = new CryptoRig();
        var (kid, signature) = Imported(rig, "ED25519", "Ed25519ctx");

        // Act
        var response = rig.Call("exdsa/verify", Body(kid, "Ed25519ctx", s_msg, signature, ctx is null ? null : []), kid);

        // Assert
        response.Status.Should().Be(406);
    }

    [TestMethod]
    [DataRow("""{"kid":"%K","msg":"AAEC","alg":"Ed25519"}""", DisplayName = "sign missing")]
    [DataRow("""{"kid":"%K","msg":"AAEC","alg":"Ed25519","sign":"*"}""", DisplayName = "sign not base64")]
    [DataRow("""{"kid":"%K","msg":"AAEC","alg":"Ed25519","sign":true}""", DisplayName = "sign not a string")]
    [DataRow("""{"kid":"%K","sign":"AAEC","alg":"Ed25519"}""", DisplayName = "msg missing")]
    [DataRow("""{"kid":"%K","msg":"AAEC","sign":"AAEC"}""", DisplayName = "alg missing")]
    [DataRow("""{"kid":"%K","msg":"AAEC","sign":"AAEC","alg":"Ed25519ph","ctx":"%256"}""", DisplayName = "ctx 256 bytes")]
    public void Malformed_field_answers_400_and_logs_ERROR_with_the_kid(string template)
    {
        // Arrange
        using var rig = new CryptoRig();
        var (kid, _) = Imported(rig, "ED25519", "Ed25519");
        var body = template.Replace("%K", kid).Replace("%256", B64(new byte[256]));
        var token = rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Device.Post("/api/crypto/exdsa/verify", body, token);

        // Assert
        response.Status.Should().Be(400);
        rig.Keys.ShouldOnlyHaveLogged(before, ExdsaVerify, KeyWriteRig.Error, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void Use_token_of_another_kid_answers_403_and_logs_a_failed_scope_check()
    {
        // Arrange
        using var rig = new CryptoRig();
        var (kid, signature) = Imported(rig, "ED448", "Ed448");
        var other = CryptoExdsaSignTests.CreateSigningKey(rig, "ED448");
        var otherToken = rig.Use(other);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("exdsa/verify", Body(kid, "Ed448", s_msg, signature, s_ctx), kid, otherToken);

        // Assert
        response.Status.Should().Be(403);
        rig.Keys.ShouldOnlyHaveLogged(before, KeyWriteRig.FailedScopeCheck, KeyWriteRig.Failed, Encoding.ASCII.GetBytes("keymgmt:use:" + other));
    }

    [TestMethod]
    public void Plain_http_answers_418_and_changes_nothing()
    {
        // Arrange
        using var rig = new CryptoRig();
        var (kid, signature) = Imported(rig, "ED25519", "Ed25519");
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("exdsa/verify", Body(kid, "Ed25519", s_msg, signature), kid, tls: false);

        // Assert
        response.Status.Should().Be(418);
        rig.Keys.ShouldBeUnchanged(before);
    }
}
