using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using static HemSim.Firmware.Tests.Api.KeyMgmt.KeyWriteRig;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// POST /api/crypto/cipher/encrypt and /decrypt (spec §13.5, §13.6): results made on the device checked in the test
/// with .NET <see cref="Aes"/> (ECB, CBC) and BouncyCastle's managed <see cref="AesEngine"/> under GCM with a 16-byte
/// nonce, and the reverse; the key taken from the device with <c>rig.Keys.Secret(kid)</c>.
/// </summary>
[TestClass]
public sealed partial class CryptoCipherTests
{
    public static IEnumerable<object[]> Algorithms =>
        from size in new[] { 128, 192, 256 }
        from mode in new[] { "ECB", "CBC", "GCM" }
        select new object[] { $"AES{size}-{mode}" };

    internal static string KeyTypeOf(string alg) => alg[..6];

    internal static int KeyBytes(string alg) => int.Parse(alg[3..6]) / 8;

    internal static string ModeOf(string alg) => alg[7..];

    internal static JsonObject Body(string kid, string alg, byte[] msg) =>
        new() { ["kid"] = kid, ["alg"] = alg, ["msg"] = CryptoRig.B64(msg) };

    /// <summary>GCM with a 16-byte nonce and 16-byte tag over BouncyCastle's plain managed AES engine.</summary>
    internal static byte[] Gcm(bool encrypt, byte[] key, byte[] nonce, byte[]? aad, byte[] input)
    {
        var gcm = new GcmBlockCipher(new AesEngine());
        gcm.Init(encrypt, new AeadParameters(new KeyParameter(key), 128, nonce, aad));
        var output = new byte[gcm.GetOutputSize(input.Length)];
        int n = gcm.ProcessBytes(input, 0, input.Length, output, 0);
        gcm.DoFinal(output, n);
        return output;
    }

    internal static Aes DotNetAes(byte[] key)
    {
        var aes = Aes.Create();
        aes.Key = key;
        return aes;
    }

    [TestMethod]
    [DynamicData(nameof(Algorithms))]
    public void Encrypt_on_the_device_decrypts_in_the_test(string alg)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create(KeyTypeOf(alg));
        var key = rig.Keys.Secret(kid);
        var msg = RandomNumberGenerator.GetBytes(ModeOf(alg) == "ECB" ? 96 : 100);
        var aad = RandomNumberGenerator.GetBytes(32);
        var body = Body(kid, alg, msg);
        if (ModeOf(alg) == "GCM")
        {
            body["aad"] = CryptoRig.B64(aad);
        }

        // Act
        var json = CryptoRig.Ok(rig.Call("cipher/encrypt", body, kid));

        // Assert
        key.Should().HaveCount(KeyBytes(alg));
        var ciphertext = CryptoRig.Bytes(json, "ciphertext");
        using var aes = DotNetAes(key);
        switch (ModeOf(alg))
        {
            case "ECB":
                json.Select(p => p.Key).Should().Equal("ciphertext");
                aes.DecryptEcb(ciphertext, PaddingMode.None).Should().Equal(msg);
                break;
            case "CBC":
                json.Select(p => p.Key).Should().Equal("ciphertext", "iv");
                ciphertext.Should().HaveCount(112, "PKCS#7 pads 100 bytes to 7 blocks");
                aes.DecryptCbc(ciphertext, CryptoRig.Bytes(json, "iv"), PaddingMode.PKCS7).Should().Equal(msg);
                break;
            default:
                json.Select(p => p.Key).Should().Equal("ciphertext", "iv", "tag");
                var nonce = CryptoRig.Bytes(json, "iv");
                var tag = CryptoRig.Bytes(json, "tag");
                nonce.Should().HaveCount(16);
                tag.Should().HaveCount(16);
                ciphertext.Should().HaveCount(100);
                Gcm(false, key, nonce, aad, [.. ciphertext, .. tag]).Should().Equal(msg);
                break;
        }
    }

    [TestMethod]
    [DynamicData(nameof(Algorithms))]
    public void Decrypt_on_the_device_opens_a_ciphertext_made_in_the_test(string alg)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create(KeyTypeOf(alg));
        var key = rig.Keys.Secret(kid);
        var msg = RandomNumberGenerator.GetBytes(ModeOf(alg) == "ECB" ? 48 : 37);
        var iv = RandomNumberGenerator.GetBytes(16);
        var aad = RandomNumberGenerator.GetBytes(64);
        using var aes = DotNetAes(key);
        JsonObject body;
        switch (ModeOf(alg))
        {
            case "ECB":
                body = Body(kid, alg, aes.EncryptEcb(msg, PaddingMode.None));
                break;
            case "CBC":
                body = Body(kid, alg, aes.EncryptCbc(msg, iv, PaddingMode.PKCS7));
                body["iv"] = CryptoRig.B64(iv);
                break;
            default:
                var sealedText = Gcm(true, key, iv, aad, msg);
                body = Body(kid, alg, sealedText[..^16]);
                body["iv"] = CryptoRig.B64(iv);
                body["tag"] = CryptoRig.B64(sealedText[^16..]);
                body["aad"] = CryptoRig.B64(aad);
                break;
        }

        // Act
        var json = CryptoRig.Ok(rig.Call("cipher/decrypt", body, kid));

        // Assert
        json.Select(p => p.Key).Should().Equal("plaintext");
        CryptoRig.Bytes(json, "plaintext").Should().Equal(msg);
    }

    [TestMethod]
    [DataRow("AES256-CBC")]
    [DataRow("AES256-GCM")]
    public void Two_encryptions_of_the_same_message_use_different_ivs(string alg)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        var body = Body(kid, alg, new byte[32]);

        // Act
        var first = CryptoRig.Ok(rig.Call("cipher/encrypt", body, kid));
        var second = CryptoRig.Ok(rig.Call("cipher/encrypt", body, kid));

        // Assert
        CryptoRig.Bytes(first, "iv").Should().NotEqual(CryptoRig.Bytes(second, "iv"));
        CryptoRig.Bytes(first, "ciphertext").Should().NotEqual(CryptoRig.Bytes(second, "ciphertext"));
    }

    [TestMethod]
    public void The_iv_and_nonce_come_from_the_device_entropy_and_a_repeated_gcm_nonce_is_refused()
    {
        // Arrange: a scripted entropy source hands out chosen IVs; the same 16 bytes twice imitate a stuck source.
        var entropy = new ScriptedEntropy();
        using var rig = new CryptoRig(new HemDeviceOptions { Entropy = entropy });
        var kid = rig.Create("AES128");
        rig.Use(kid);
        var chosen = Convert.FromHexString("00112233445566778899aabbccddeeff");

        // Act
        entropy.Enqueue(chosen);
        var cbc = CryptoRig.Ok(rig.Call("cipher/encrypt", Body(kid, "AES128-CBC", [1, 2, 3]), kid));
        entropy.Enqueue(chosen);
        var gcm = CryptoRig.Ok(rig.Call("cipher/encrypt", Body(kid, "AES128-GCM", [1, 2, 3]), kid));
        entropy.Enqueue(chosen);
        var before = rig.Keys.Snapshot();
        var repeated = rig.Call("cipher/encrypt", Body(kid, "AES128-GCM", [4, 5, 6]), kid);

        // Assert
        CryptoRig.Bytes(cbc, "iv").Should().Equal(chosen);
        CryptoRig.Bytes(gcm, "iv").Should().Equal(chosen);
        repeated.Status.Should().Be(406);
        repeated.Body.Should().BeEmpty();
        rig.Keys.ShouldOnlyHaveLogged(before, CryptoRig.Encrypt, Failed, Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("AES128-CBC", 16)]
    [DataRow("AES192-GCM", 24)]
    [DataRow("AES128-ECB", 16)]
    public void A_longer_key_encrypts_under_its_first_alg_size_bytes(string alg, int used)
    {
        // Arrange: spec §22 #32, SIM choice.
        using var rig = new CryptoRig();
        var kid = rig.Create("AES256");
        var key = rig.Keys.Secret(kid)[..used];
        var msg = RandomNumberGenerator.GetBytes(32);

        // Act
        var json = CryptoRig.Ok(rig.Call("cipher/encrypt", Body(kid, alg, msg), kid));

        // Assert
        var ciphertext = CryptoRig.Bytes(json, "ciphertext");
        using var aes = DotNetAes(key);
        var plaintext = ModeOf(alg) switch
        {
            "ECB" => aes.DecryptEcb(ciphertext, PaddingMode.None),
            "CBC" => aes.DecryptCbc(ciphertext, CryptoRig.Bytes(json, "iv"), PaddingMode.PKCS7),
            _ => Gcm(false, key, CryptoRig.Bytes(json, "iv"), null, [.. ciphertext, .. CryptoRig.Bytes(json, "tag")]),
        };
        plaintext.Should().Equal(msg);
    }
}
