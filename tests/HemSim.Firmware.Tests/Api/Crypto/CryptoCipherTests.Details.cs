using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.KeyMgmt.KeyWriteRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>Encrypt/decrypt details: empty messages, where aad counts, and the audit lines of a success.</summary>
public sealed partial class CryptoCipherTests
{
    [TestMethod]
    [DataRow("AES256-ECB", 0)]
    [DataRow("AES256-CBC", 16)]
    [DataRow("AES256-GCM", 0)]
    public void An_empty_message_encrypts_and_decrypts(string alg, int ciphertextLength)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");

        // Act
        var encrypted = CryptoRig.Ok(rig.Call("cipher/encrypt", Body(kid, alg, []), kid));
        var body = new JsonObject();
        foreach (var (name, value) in encrypted)
        {
            body[name == "ciphertext" ? "msg" : name] = value!.GetValue<string>();
        }
        body["kid"] = kid;
        body["alg"] = alg;
        var decrypted = CryptoRig.Ok(rig.Call("cipher/decrypt", body, kid));

        // Assert
        CryptoRig.Bytes(encrypted, "ciphertext").Should().HaveCount(ciphertextLength);
        CryptoRig.Bytes(decrypted, "plaintext").Should().BeEmpty();
    }

    [TestMethod]
    public void Aad_is_authenticated_by_gcm_and_ignored_by_ecb()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("AES192");
        var msg = RandomNumberGenerator.GetBytes(32);
        var withAad = Body(kid, "AES192-ECB", msg);
        withAad["aad"] = CryptoRig.B64(new byte[64]);

        // Act
        var plain = CryptoRig.Ok(rig.Call("cipher/encrypt", Body(kid, "AES192-ECB", msg), kid));
        var ecb = CryptoRig.Ok(rig.Call("cipher/encrypt", withAad, kid));
        withAad["alg"] = "AES192-GCM";
        var gcm = CryptoRig.Ok(rig.Call("cipher/encrypt", withAad, kid));

        // Assert
        CryptoRig.Bytes(ecb, "ciphertext").Should().Equal(CryptoRig.Bytes(plain, "ciphertext"));
        var key = rig.Keys.Secret(kid);
        var sealedText = (byte[])[.. CryptoRig.Bytes(gcm, "ciphertext"), .. CryptoRig.Bytes(gcm, "tag")];
        Gcm(false, key, CryptoRig.Bytes(gcm, "iv"), new byte[64], sealedText).Should().Equal(msg);
        var withoutAad = () => Gcm(false, key, CryptoRig.Bytes(gcm, "iv"), null, sealedText);
        withoutAad.Should().Throw<Org.BouncyCastle.Crypto.InvalidCipherTextException>();
    }

    [TestMethod]
    public void Encrypt_and_decrypt_log_their_events_ok_with_the_kid_and_store_nothing()
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        rig.Use(kid);
        var before = rig.Keys.Snapshot();

        // Act
        var encrypted = CryptoRig.Ok(rig.Call("cipher/encrypt", Body(kid, "AES256-ECB", new byte[16]), kid));

        // Assert
        rig.Keys.ShouldOnlyHaveLogged(before, CryptoRig.Encrypt, Ok, Convert.FromHexString(kid));
        before = rig.Keys.Snapshot();
        CryptoRig.Ok(rig.Call("cipher/decrypt", Body(kid, "AES256-ECB", CryptoRig.Bytes(encrypted, "ciphertext")), kid));
        rig.Keys.ShouldOnlyHaveLogged(before, CryptoRig.Decrypt, Ok, Convert.FromHexString(kid));
    }
}
