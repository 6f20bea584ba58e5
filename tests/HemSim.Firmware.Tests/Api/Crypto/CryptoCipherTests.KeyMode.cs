using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using HemSim.Firmware.Tests.Api.KeyMgmt;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// Encrypt/decrypt in ECDH key mode (spec §13 common rules, §18.3): key = HKDF-SHA256(ss, "encedo-aes" ‖ ctx, L),
/// recomputed here from the peer's side with .NET HKDF.
/// </summary>
public sealed partial class CryptoCipherTests
{
    /// <summary>HKDF-SHA256(ss, no salt, label ‖ ctx, L) with .NET, as a remote party would compute it.</summary>
    internal static byte[] PeerKey(byte[] shared, string label, byte[] ctx, int length) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, length, salt: [], info: [.. Encoding.ASCII.GetBytes(label), .. ctx]);

    [TestMethod]
    [DataRow("CURVE25519", "AES256-GCM")]
    [DataRow("CURVE448", "AES128-CBC")]
    [DataRow("SECP256R1", "AES192-GCM")]
    [DataRow("SECP521R1", "AES256-ECB")]
    public void Encrypt_in_ecdh_mode_uses_hkdf_of_the_shared_secret_with_ctx(string curve, string alg)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = KeyMgmtDeriveTests.CreateSource(rig.Keys, curve);
        using var peer = KeyMgmtDeriveTests.Peer.Create(curve);
        var ctx = Encoding.ASCII.GetBytes("session 42");
        var key = PeerKey(peer.Agree(rig.PublicKey(kid)), "encedo-aes", ctx, KeyBytes(alg));
        var msg = RandomNumberGenerator.GetBytes(64);
        var body = Body(kid, alg, msg);
        body["pubkey"] = CryptoRig.B64(peer.PublicKey);
        body["ctx"] = CryptoRig.B64(ctx);

        // Act
        var json = CryptoRig.Ok(rig.Call("cipher/encrypt", body, kid));

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

    [TestMethod]
    public void Decrypt_in_ecdh_mode_with_an_imported_peer_and_no_ctx_opens_what_the_peer_sealed()
    {
        // Arrange: the peer's public key is stored (ext_kid); without ctx the info is "encedo-aes" alone.
        using var rig = new CryptoRig();
        var kid = KeyMgmtDeriveTests.CreateSource(rig.Keys, "SECP384R1");
        using var peer = KeyMgmtDeriveTests.Peer.Create("SECP384R1");
        var extKid = rig.Import("SECP384R1", peer.PublicKey);
        var key = PeerKey(peer.Agree(rig.PublicKey(kid)), "encedo-aes", [], 32);
        var msg = RandomNumberGenerator.GetBytes(50);
        var iv = RandomNumberGenerator.GetBytes(16);
        var sealedText = Gcm(true, key, iv, null, msg);
        var body = Body(kid, "AES256-GCM", sealedText[..^16]);
        body["iv"] = CryptoRig.B64(iv);
        body["tag"] = CryptoRig.B64(sealedText[^16..]);
        body["ext_kid"] = extKid;

        // Act
        var json = CryptoRig.Ok(rig.Call("cipher/decrypt", body, kid));

        // Assert
        CryptoRig.Bytes(json, "plaintext").Should().Equal(msg);
    }

    [TestMethod]
    public void Ecdh_mode_with_ext_kid_of_the_same_key_round_trips_on_the_device()
    {
        // Arrange: [T] test_11 names the kid itself as ext_kid.
        using var rig = new CryptoRig();
        var kid = KeyMgmtDeriveTests.CreateSource(rig.Keys, "CURVE25519");
        var body = Body(kid, "AES128-CBC", Encoding.ASCII.GetBytes("to myself"));
        body["ext_kid"] = kid;

        // Act
        var encrypted = CryptoRig.Ok(rig.Call("cipher/encrypt", body, kid));
        body["msg"] = encrypted["ciphertext"]!.GetValue<string>();
        body["iv"] = encrypted["iv"]!.GetValue<string>();
        var decrypted = CryptoRig.Ok(rig.Call("cipher/decrypt", body, kid));

        // Assert
        Encoding.ASCII.GetString(CryptoRig.Bytes(decrypted, "plaintext")).Should().Be("to myself");
    }

    [TestMethod]
    [DataRow("AES256", "source")]
    [DataRow("ED25519", "source")]
    [DataRow("SECP256R1-ExDSA", "source")]
    [DataRow("CURVE25519", "short pubkey")]
    [DataRow("CURVE25519", "unknown ext_kid")]
    [DataRow("CURVE25519", "ext_kid on another curve")]
    public void Ecdh_mode_answers_406_when_no_secret_can_be_agreed(string source, string why)
    {
        // Arrange
        using var rig = new CryptoRig();
        var kid = source == "SECP256R1-ExDSA" ? rig.Create("SECP256R1", "ExDSA") : rig.Create(source);
        var body = Body(kid, "AES256-GCM", new byte[16]);
        switch (why)
        {
            case "source": body["pubkey"] = CryptoRig.B64(KeyMgmtDeriveTests.Peer.Create("CURVE25519").PublicKey); break;
            case "short pubkey": body["pubkey"] = CryptoRig.B64(new byte[31]); break;
            case "unknown ext_kid": body["ext_kid"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)); break;
            default: body["ext_kid"] = KeyMgmtDeriveTests.CreateSource(rig.Keys, "CURVE448"); break;
        }

        // Act / Assert
        ShouldBeRefused(rig, "cipher/encrypt", body, kid, 406);
    }
}
