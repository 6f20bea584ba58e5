using System.Text;
using FluentAssertions;
using HemSim.Firmware.Tests.Api.KeyMgmt;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Crypto.CryptoRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>exdsa/sign: every 400 and 406 cause, 403 and 418, each leaving only its audit line (spec §13.3, §22 #44).</summary>
public sealed partial class CryptoExdsaSignTests
{
    private const string UnknownKid = "00112233445566778899aabbccddeeff";

    [TestMethod]
    [DataRow("""{"kid":"%K","alg":"Ed25519"}""", DisplayName = "msg missing")]
    [DataRow("""{"kid":"%K","msg":"***","alg":"Ed25519"}""", DisplayName = "msg not base64")]
    [DataRow("""{"kid":"%K","msg":12,"alg":"Ed25519"}""", DisplayName = "msg not a string")]
    [DataRow("""{"kid":"%K","msg":"AAEC"}""", DisplayName = "alg missing")]
    [DataRow("""{"kid":"%K","msg":"AAEC","alg":null}""", DisplayName = "alg null")]
    [DataRow("""{"kid":"%K","msg":"AAEC","alg":7}""", DisplayName = "alg not a string")]
    [DataRow("""{"kid":"%K","msg":"AAEC","alg":"ed25519"}""", DisplayName = "alg wrongly cased")]
    [DataRow("""{"kid":"%K","msg":"AAEC","alg":"SHA1WithECDSA"}""", DisplayName = "alg unknown")]
    [DataRow("""{"kid":"%K","msg":"AAEC","alg":"Ed25519ph","ctx":"%%"}""", DisplayName = "ctx not base64")]
    [DataRow("""{"kid":"%K","msg":"AAEC","alg":"Ed25519ph","ctx":"%256"}""", DisplayName = "ctx 256 bytes")]
    [DataRow("""{"kid":"%K","msg":"AAEC","alg":"Ed25519","ctx":"%256"}""", DisplayName = "ctx 256 bytes on a variant without context")]
    public void Malformed_field_answers_400_and_logs_ERROR_with_the_kid(string template)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = CreateSigningKey(rig, "ED25519");
        var body = template.Replace("%K", kid).Replace("%256", B64(new byte[256]));
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Device.Post("/api/crypto/exdsa/sign", body, rig.Use(kid));

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        rig.Keys.ShouldOnlyHaveLogged(before, ExdsaSign, KeyWriteRig.Error, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void Malformed_field_answers_400_even_for_an_unknown_kid()
    {
        // Arrange: spec §3.3, body validation (400) comes before the semantic failure (406).
        using var rig = new CryptoRig();
        rig.Use(UnknownKid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("exdsa/sign", new { kid = UnknownKid, msg = "AAEC" }, UnknownKid);

        // Assert
        response.Status.Should().Be(400);
        rig.Keys.ShouldOnlyHaveLogged(before, ExdsaSign, KeyWriteRig.Error, Convert.FromHexString(UnknownKid));
    }

    [TestMethod]
    public void Kid_that_is_not_32_hex_characters_answers_400_and_logs_no_kid()
    {
        // Arrange
        using var rig = new CryptoRig();
        const string kid = "not-a-kid";
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("exdsa/sign", Body(kid, "Ed25519", [1, 2]), kid);

        // Assert
        response.Status.Should().Be(400);
        rig.Keys.ShouldOnlyHaveLogged(before, ExdsaSign, KeyWriteRig.Error, []);
    }

    [TestMethod]
    public void Ctx_of_255_bytes_is_accepted()
    {
        // Arrange: RFC 8032 bounds the context to 255 octets; that is the largest allowed (§13.3).
        using var rig = new CryptoRig();
        var kid = CreateSigningKey(rig, "ED448");
        var ctx = new byte[255];

        // Act
        var signature = Bytes(Ok(rig.Call("exdsa/sign", Body(kid, "Ed448", [1, 2], ctx), kid)), "sign");

        // Assert
        ExdsaPeer.Verify("ED448", rig.PublicKey(kid), "Ed448", [1, 2], signature, ctx).Should().BeTrue();
    }

    /// <summary>Each way a key cannot sign with an alg (spec §13.3), as (key setup, alg, ctx).</summary>
    public static IEnumerable<object?[]> Refusals =>
    [
        ["SECP256R1 created without ExDSA (default mode ECDH)", "SHA256WithECDSA", null],
        ["SECP256R1 created with mode ECDH", "SHA256WithECDSA", null],
        ["ED25519 imported (public only)", "Ed25519", null],
        ["SECP256R1 imported with mode ExDSA (public only)", "SHA256WithECDSA", null],
        ["CURVE25519", "Ed25519", null],
        ["AES256", "SHA256WithECDSA", null],
        ["SHA2-256", "SHA256WithECDSA", null],
        ["ED25519", "Ed448", null],
        ["ED25519", "SHA256WithECDSA", null],
        ["ED448", "Ed25519", null],
        ["ED448", "Ed25519ph", null],
        ["SECP256K1 with ExDSA", "Ed25519", null],
        ["SECP384R1 with ExDSA", "Ed448ph", null],
        ["ED25519", "Ed25519ctx", null],
        ["ED25519", "Ed25519ctx", ""],
    ];

    internal static string Setup(CryptoRig rig, string setup) => setup switch
    {
        "SECP256R1 created without ExDSA (default mode ECDH)" => rig.Create("SECP256R1"),
        "SECP256R1 created with mode ECDH" => rig.Create("SECP256R1", "ECDH"),
        "ED25519 imported (public only)" => rig.Import("ED25519", ExdsaPeer.Sign("ED25519", "Ed25519", [], []).PublicKey),
        "SECP256R1 imported with mode ExDSA (public only)" =>
            rig.Import("SECP256R1", ExdsaPeer.Sign("SECP256R1", "SHA256WithECDSA", [], []).PublicKey, "ExDSA"),
        "SECP256K1 with ExDSA" => rig.Create("SECP256K1", "ExDSA"),
        "SECP384R1 with ExDSA" => rig.Create("SECP384R1", "ExDSA"),
        _ => rig.Create(setup),
    };

    [TestMethod]
    [DynamicData(nameof(Refusals))]
    public void Key_that_cannot_sign_with_the_alg_answers_406_and_logs_FAILED(string setup, string alg, string? ctx)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = Setup(rig, setup);
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("exdsa/sign", Body(kid, alg, [1, 2, 3], ctx is null ? null : Encoding.ASCII.GetBytes(ctx)), kid);

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        rig.Keys.ShouldOnlyHaveLogged(before, ExdsaSign, KeyWriteRig.Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    public void Unknown_kid_answers_406_and_logs_FAILED()
    {
        // Arrange
        using var rig = new CryptoRig();
        rig.Use(UnknownKid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("exdsa/sign", Body(UnknownKid, "Ed25519", [1]), UnknownKid);

        // Assert
        response.Status.Should().Be(406);
        rig.Keys.ShouldOnlyHaveLogged(before, ExdsaSign, KeyWriteRig.Failed, Convert.FromHexString(UnknownKid));
    }

    [TestMethod]
    public void Use_token_of_another_kid_answers_403_and_logs_a_failed_scope_check()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = CreateSigningKey(rig, "ED25519");
        var other = CreateSigningKey(rig, "ED448");
        var otherToken = rig.Use(other);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("exdsa/sign", Body(kid, "Ed25519", [1]), kid, otherToken);

        // Assert
        response.Status.Should().Be(403);
        rig.Keys.ShouldOnlyHaveLogged(before, KeyWriteRig.FailedScopeCheck, KeyWriteRig.Failed, Encoding.ASCII.GetBytes("keymgmt:use:" + other));
    }

    [TestMethod]
    public void Plain_http_answers_418_and_changes_nothing()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = CreateSigningKey(rig, "ED25519");
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call("exdsa/sign", Body(kid, "Ed25519", [1]), kid, tls: false);

        // Assert
        response.Status.Should().Be(418);
        rig.Keys.ShouldBeUnchanged(before);
    }
}
