using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.KeyMgmt.KeyWriteRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>Every 400 and 406 of encrypt/decrypt (spec §13.5, §13.6), each leaving only its audit line behind.</summary>
public sealed partial class CryptoCipherTests
{
    private static readonly string s_b64_15 = CryptoRig.B64(new byte[15]);
    private static readonly string s_b64_16 = CryptoRig.B64(new byte[16]);
    private static readonly string s_b64_17 = CryptoRig.B64(new byte[17]);
    private static readonly string s_b64_65 = CryptoRig.B64(new byte[65]);

    /// <summary>Applies "field=value" edits to a valid AES256-GCM body (value "-" removes the field, "#" a number).</summary>
    private static JsonObject Edited(JsonObject body, string edits)
    {
        foreach (var edit in edits.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (edit[..edit.IndexOf('=')], edit[(edit.IndexOf('=') + 1)..]);
            switch (value)
            {
                case "-": body.Remove(name); break;
                case "#": body[name] = 5; break;
                default: body[name] = value.Replace("B15", s_b64_15).Replace("B16", s_b64_16).Replace("B17", s_b64_17).Replace("B65", s_b64_65); break;
            }
        }
        return body;
    }

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
        int type = operation switch
        {
            "cipher/encrypt" => CryptoRig.Encrypt,
            "cipher/decrypt" => CryptoRig.Decrypt,
            "cipher/wrap" => CryptoRig.Wrap,
            _ => CryptoRig.Unwrap,
        };
        rig.Keys.ShouldOnlyHaveLogged(before, type, status == 400 ? Error : Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("alg=-")]
    [DataRow("alg=#")]
    [DataRow("alg=aes256-gcm")]
    [DataRow("alg=AES256")]
    [DataRow("alg=AES512-GCM")]
    [DataRow("alg=AES256-CTR")]
    [DataRow("msg=-")]
    [DataRow("msg=#")]
    [DataRow("msg=!!!!")]
    [DataRow("aad=#")]
    [DataRow("aad=*")]
    [DataRow("aad=B65")]
    [DataRow("alg=AES256-ECB;msg=B15")]
    [DataRow("alg=AES256-ECB;msg=B17")]
    [DataRow("pubkey=!!!")]
    [DataRow("ext_kid=0011")]
    [DataRow("ext_kid=#")]
    [DataRow("pubkey=B16;ctx=B65")]
    [DataRow("pubkey=B16;ctx=$$")]
    public void Encrypt_answers_400_to_a_malformed_field(string edits)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        ShouldBeRefused(rig, "cipher/encrypt", Edited(Body(kid, "AES256-GCM", new byte[16]), edits), kid, 400);
    }

    [TestMethod]
    [DataRow("alg=-")]
    [DataRow("alg=AES256-XTS")]
    [DataRow("msg=-")]
    [DataRow("alg=AES256-ECB;msg=B17")]
    [DataRow("alg=AES256-CBC;iv=-")]
    [DataRow("alg=AES256-CBC;iv=B15")]
    [DataRow("alg=AES256-CBC;iv=B17")]
    [DataRow("alg=AES256-CBC;iv=#")]
    [DataRow("iv=-;tag=B16")]
    [DataRow("iv=B16;tag=-")]
    [DataRow("iv=B16;tag=B15")]
    [DataRow("iv=B16;tag=B17")]
    [DataRow("iv=B15;tag=B16")]
    [DataRow("iv=B16;tag=B16;aad=B65")]
    [DataRow("iv=B16;tag=B16;pubkey=B16;ctx=B65")]
    public void Decrypt_answers_400_to_a_malformed_field(string edits)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        ShouldBeRefused(rig, "cipher/decrypt", Edited(Body(kid, "AES256-GCM", new byte[16]), edits), kid, 400);
    }

    [TestMethod]
    public void Encrypt_answers_400_before_406_and_400_to_a_malformed_kid()
    {
        // Arrange: a well-formed kid no key has, and a kid that is not 32 hex characters (its token names it as sent).
        using var rig = new CryptoRig();
        var unknown = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var malformed = "zz" + unknown[2..];
        rig.Use(unknown);
        rig.Use(malformed);
        var before = rig.Keys.Snapshot();

        // Act
        var badAlg = rig.Call("cipher/encrypt", Body(unknown, "AES256", new byte[16]), unknown);
        var badKid = rig.Call("cipher/encrypt", Body(malformed, "AES256-GCM", new byte[16]), malformed);

        // Assert
        badAlg.Status.Should().Be(400);
        badKid.Status.Should().Be(400);
        var lines = rig.Device.AuditLines();
        lines[^2].Type.Should().Be(CryptoRig.Encrypt);
        lines[^2].Result.Should().Be(Error);
        lines[^2].DataBytes.Should().Equal(Convert.FromHexString(unknown));
        lines[^1].Type.Should().Be(CryptoRig.Encrypt);
        lines[^1].Result.Should().Be(Error);
        lines[^1].DataBytes.Should().BeEmpty("a kid that does not parse is not logged");
        rig.Keys.Snapshot().Slots.Should().Equal(before.Slots);
    }

    [TestMethod]
    [DataRow("SHA2-256", "AES256-GCM")]
    [DataRow("ED25519", "AES256-CBC")]
    [DataRow("CURVE25519", "AES256-ECB")]
    [DataRow("MLKEM512", "AES128-GCM")]
    [DataRow("AES128", "AES192-ECB")]
    [DataRow("AES128", "AES256-GCM")]
    [DataRow("AES192", "AES256-CBC")]
    public void Encrypt_answers_406_to_a_key_that_is_not_aes_or_too_small(string type, string alg)
    {
        using var rig = new CryptoRig();
        var kid = rig.Create(type);
        ShouldBeRefused(rig, "cipher/encrypt", Body(kid, alg, new byte[16]), kid, 406);
    }

    [TestMethod]
    [DataRow("cipher/encrypt")]
    [DataRow("cipher/decrypt")]
    public void Cipher_answers_406_to_an_unknown_kid(string operation)
    {
        using var rig = new CryptoRig();
        var kid = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var body = Edited(Body(kid, "AES128-CBC", new byte[16]), "iv=B16");
        ShouldBeRefused(rig, operation, body, kid, 406);
    }

    [TestMethod]
    [DataRow("tag")]
    [DataRow("ciphertext")]
    [DataRow("aad")]
    [DataRow("no aad")]
    [DataRow("iv")]
    public void Decrypt_answers_406_to_a_tampered_gcm_input(string what)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        var aad = Encoding.ASCII.GetBytes("header: thirty-two bytes of aad");
        var body = Body(kid, "AES256-GCM", new byte[40]);
        body["aad"] = CryptoRig.B64(aad);
        var encrypted = CryptoRig.Ok(rig.Call("cipher/encrypt", body, kid));
        byte[] ct = CryptoRig.Bytes(encrypted, "ciphertext"), tag = CryptoRig.Bytes(encrypted, "tag"), iv = CryptoRig.Bytes(encrypted, "iv");
        switch (what)
        {
            case "tag": tag[0] ^= 1; break;
            case "ciphertext": ct[39] ^= 1; break;
            case "aad": aad[0] ^= 1; break;
            case "iv": iv[15] ^= 1; break;
        }
        var tampered = Body(kid, "AES256-GCM", ct);
        tampered["iv"] = CryptoRig.B64(iv);
        tampered["tag"] = CryptoRig.B64(tag);
        if (what != "no aad")
        {
            tampered["aad"] = CryptoRig.B64(aad);
        }

        // Act / Assert
        ShouldBeRefused(rig, "cipher/decrypt", tampered, kid, 406);
    }

    [TestMethod]
    [DataRow(32, "bad padding")]
    [DataRow(17, "not whole blocks")]
    [DataRow(0, "empty")]
    public void Decrypt_answers_406_to_a_cbc_ciphertext_without_valid_padding(int length, string why)
    {
        // Arrange: blocks encrypted without padding end in a random byte, not a PKCS#7 pad (one in 256 would pass:
        // the plaintext is chosen so that its last byte is 0x00).
        using var rig = new CryptoRig();
        var kid = rig.Create("AES128");
        var iv = new byte[16];
        using var aes = DotNetAes(rig.Keys.Secret(kid));
        var ct = length == 32 ? aes.EncryptCbc(new byte[32], iv, PaddingMode.None) : new byte[length];
        var body = Body(kid, "AES128-CBC", ct);
        body["iv"] = CryptoRig.B64(iv);

        // Act / Assert
        ShouldBeRefused(rig, "cipher/decrypt", body, kid, 406);
        why.Should().NotBeEmpty();
    }

    [TestMethod]
    [DataRow("cipher/encrypt")]
    [DataRow("cipher/decrypt")]
    public void Cipher_answers_418_over_plain_http_and_403_to_another_kids_token_without_a_trace(string operation)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        var other = rig.Create("AES128");
        var token = rig.Use(kid);
        var otherToken = rig.Use(other);
        var body = Edited(Body(kid, "AES256-CBC", new byte[16]), "iv=B16");
        var before = rig.Keys.Snapshot();

        // Act
        var plain = rig.Call(operation, body, kid, token, tls: false);

        // Assert
        plain.Status.Should().Be(418);
        rig.Keys.ShouldBeUnchanged(before);
        rig.Call(operation, body, kid, otherToken).Status.Should().Be(403);
    }
}
