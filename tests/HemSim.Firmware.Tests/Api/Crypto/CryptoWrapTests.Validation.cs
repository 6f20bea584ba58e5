using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.KeyMgmt.KeyWriteRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>Every 400 and 406 of wrap/unwrap (spec §13.7, §13.8), each leaving only its audit line behind.</summary>
public sealed partial class CryptoWrapTests
{
    private static void ShouldBeRefused(CryptoRig rig, string operation, JsonObject body, string kid, int status)
    {
        // Arrange
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var response = rig.Call(operation, body, kid);

        // Assert
        response.Status.Should().Be(status, body.ToJsonString());
        response.Body.Should().BeEmpty();
        rig.Keys.ShouldOnlyHaveLogged(before, operation == "cipher/wrap" ? CryptoRig.Wrap : CryptoRig.Unwrap,
            status == 400 ? Error : Failed, Convert.FromHexString(kid));
    }

    private static JsonObject With(JsonObject body, string name, JsonNode? value)
    {
        if (value is null)
        {
            body.Remove(name);
        }
        else
        {
            body[name] = value;
        }
        return body;
    }

    [TestMethod]
    [DataRow("cipher/wrap", "alg", "AES512")]
    [DataRow("cipher/wrap", "alg", "AES256-GCM")]
    [DataRow("cipher/wrap", "alg", "aes256")]
    [DataRow("cipher/wrap", "msg", null)]
    [DataRow("cipher/wrap", "msg", "!!")]
    [DataRow("cipher/wrap", "iv", "%%")]
    [DataRow("cipher/wrap", "ext_kid", "00")]
    [DataRow("cipher/unwrap", "alg", "AES-256")]
    [DataRow("cipher/unwrap", "msg", null)]
    [DataRow("cipher/unwrap", "msg", "#")]
    [DataRow("cipher/unwrap", "iv", "%%")]
    [DataRow("cipher/unwrap", "pubkey", "!!")]
    public void Wrap_and_unwrap_answer_400_to_a_malformed_field(string operation, string name, string? value)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        var body = With(Body(kid, new byte[24]), name, value);
        ShouldBeRefused(rig, operation, body, kid, 400);
    }

    [TestMethod]
    public void Wrap_answers_400_to_a_non_string_alg_and_an_over_long_ctx_in_ecdh_mode()
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        ShouldBeRefused(rig, "cipher/wrap", With(Body(kid, new byte[24]), "alg", 256), kid, 400);
        var keyMode = Body(kid, new byte[24]);
        keyMode["pubkey"] = CryptoRig.B64(new byte[32]);
        keyMode["ctx"] = CryptoRig.B64(new byte[65]);
        ShouldBeRefused(rig, "cipher/wrap", keyMode, kid, 400);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(8)]
    [DataRow(16)]
    [DataRow(20)]
    [DataRow(25)]
    [DataRow(33)]
    public void Unwrap_answers_400_to_a_blob_shorter_than_24_or_not_a_multiple_of_8(int length)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        ShouldBeRefused(rig, "cipher/unwrap", Body(kid, new byte[length]), kid, 400);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(8)]
    [DataRow(12)]
    [DataRow(20)]
    [DataRow(33)]
    public void Wrap_answers_406_to_key_data_shorter_than_16_or_not_a_multiple_of_8(int length)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        ShouldBeRefused(rig, "cipher/wrap", Body(kid, new byte[length]), kid, 406);
    }

    [TestMethod]
    [DataRow("cipher/wrap", 7)]
    [DataRow("cipher/wrap", 9)]
    [DataRow("cipher/wrap", 0)]
    [DataRow("cipher/unwrap", 16)]
    public void Wrap_and_unwrap_answer_406_to_an_iv_that_is_not_8_bytes(string operation, int length)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        var body = Body(kid, new byte[24]);
        body["iv"] = CryptoRig.B64(new byte[length]);
        ShouldBeRefused(rig, operation, body, kid, 406);
    }

    [TestMethod]
    [DataRow("AES128", null)]
    [DataRow("AES256", "AES128")]
    [DataRow("AES192", "AES256")]
    [DataRow("SHA2-256", null)]
    [DataRow("ED25519", "AES256")]
    [DataRow("CURVE25519", null)]
    public void Wrap_and_unwrap_answer_406_to_a_kek_that_is_not_an_aes_key_of_the_alg_size(string type, string? alg)
    {
        // Spec §13.7 SIM: the stored KEK's size must equal alg (absent = AES256), unlike encrypt's prefix rule.
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        ShouldBeRefused(rig, "cipher/wrap", Body(kid, new byte[16], alg), kid, 406);
        ShouldBeRefused(rig, "cipher/unwrap", Body(kid, new byte[24], alg), kid, 406);
    }

    [TestMethod]
    [DataRow("cipher/wrap")]
    [DataRow("cipher/unwrap")]
    public void Wrap_and_unwrap_answer_406_to_an_unknown_kid(string operation)
    {
        using var rig = new CryptoRig();
        var kid = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        ShouldBeRefused(rig, operation, Body(kid, new byte[24]), kid, 406);
    }

    [TestMethod]
    [DataRow("another kek")]
    [DataRow("altered blob")]
    public void Unwrap_answers_406_when_the_integrity_check_fails(string why)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        var other = rig.Create("AES256");
        var wrapped = CryptoRig.Bytes(CryptoRig.Ok(rig.Call("cipher/wrap", Body(other, new byte[32]), other)), "wrapped");
        if (why == "altered blob")
        {
            wrapped = Rfc3394(true, rig.Keys.Secret(kid), s_defaultIv, new byte[32]);
            wrapped[^1] ^= 0x01;
        }

        // Act / Assert
        ShouldBeRefused(rig, "cipher/unwrap", Body(kid, wrapped), kid, 406);
    }

    [TestMethod]
    [DataRow("cipher/wrap")]
    [DataRow("cipher/unwrap")]
    public void Wrap_and_unwrap_answer_418_over_plain_http_and_403_to_another_kids_token_without_a_trace(string operation)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        var other = rig.Create("AES128");
        var token = rig.Use(kid);
        var otherToken = rig.Use(other);
        var before = rig.Keys.Snapshot();

        // Act
        var plain = rig.Call(operation, Body(kid, new byte[24]), kid, token, tls: false);

        // Assert
        plain.Status.Should().Be(418);
        rig.Keys.ShouldBeUnchanged(before);
        rig.Call(operation, Body(kid, new byte[24]), kid, otherToken).Status.Should().Be(403);
    }
}
