using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// AES, key wrap and HMAC (spec §13.1, §13.2, §13.5–§13.8). The device never exports a symmetric key, so the
/// cross-checks use the ECDH key modes: the test makes an X25519 key pair, sends its public half as <c>pubkey</c>,
/// and derives the same key from its own side of the agreement (spec §18.3, §18.4).
/// </summary>
public sealed partial class CryptoEndToEndTests
{
    [TestMethod]
    public async Task Aes256_gcm_ciphertext_from_the_device_decrypts_here_with_the_16_byte_nonce_and_the_reverse()
    {
        // Arrange
        var (kid, peerPublic, shared) = await X25519PeerAsync("E2E gcm");
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, salt: [], info: Encoding.ASCII.GetBytes("encedo-aes"));
        var plaintext = Encoding.UTF8.GetBytes("AES-256-GCM with a sixteen-byte nonce, made on the device");
        byte[] aad = [.. "header bytes"u8];

        // Act
        var encrypted = await UseAsync("cipher/encrypt", kid, new { kid, msg = B64(plaintext), alg = "AES256-GCM", aad = B64(aad), pubkey = B64(peerPublic) });

        // Assert: 16-byte nonce, 16-byte tag (spec §13.5), BouncyCastle's GCM with the derived key.
        var ciphertext = Bytes(encrypted, "ciphertext");
        var iv = Bytes(encrypted, "iv");
        var tag = Bytes(encrypted, "tag");
        iv.Should().HaveCount(16);
        tag.Should().HaveCount(16);
        ciphertext.Should().HaveCount(plaintext.Length);
        Gcm(encrypt: false, key, iv, aad, [.. ciphertext, .. tag]).Should().Equal(plaintext);

        // And the reverse: encrypted here with a nonce of our choosing, decrypted on the device.
        var nonce = RandomNumberGenerator.GetBytes(16);
        var sealedHere = Gcm(encrypt: true, key, nonce, aad, [.. "made in the test"u8]);
        var decrypted = await UseAsync("cipher/decrypt", kid, new
        {
            kid, msg = B64(sealedHere[..^16]), alg = "AES256-GCM", iv = B64(nonce), tag = B64(sealedHere[^16..]), aad = B64(aad), pubkey = B64(peerPublic),
        });
        Bytes(decrypted, "plaintext").Should().Equal([.. "made in the test"u8]);
        sealedHere[^1] ^= 0x01;
        (await UseAsync("cipher/decrypt", kid, new
        {
            kid, msg = B64(sealedHere[..^16]), alg = "AES256-GCM", iv = B64(nonce), tag = B64(sealedHere[^16..]), aad = B64(aad), pubkey = B64(peerPublic),
        })).Status.Should().Be(406, "a modified tag must not authenticate");
    }

    [TestMethod]
    public async Task Aes256_cbc_with_ctx_from_the_device_decrypts_with_dotnet()
    {
        // Arrange
        var (kid, peerPublic, shared) = await X25519PeerAsync("E2E cbc");
        byte[] ctx = [.. "session 42"u8];
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, salt: [], info: [.. Encoding.ASCII.GetBytes("encedo-aes"), .. ctx]);
        var plaintext = Encoding.UTF8.GetBytes("CBC, PKCS#7 padded by the device");

        // Act
        var encrypted = await UseAsync("cipher/encrypt", kid, new { kid, msg = B64(plaintext), alg = "AES256-CBC", pubkey = B64(peerPublic), ctx = B64(ctx) });

        // Assert
        using var aes = Aes.Create();
        aes.Key = key;
        aes.DecryptCbc(Bytes(encrypted, "ciphertext"), Bytes(encrypted, "iv"), PaddingMode.PKCS7).Should().Equal(plaintext);
        encrypted.Json.ContainsKey("tag").Should().BeFalse("only GCM has a tag");
    }

    [TestMethod]
    public async Task Wrap_with_a_stored_aes_key_unwraps_to_the_secret_and_a_modified_blob_answers_406()
    {
        // Arrange
        var kid = await CreateAsync("AES256", "E2E wrap kek");
        var secret = RandomNumberGenerator.GetBytes(32);

        // Act
        var wrapped = Bytes(await UseAsync("cipher/wrap", kid, new { kid, msg = B64(secret), alg = "AES256" }), "wrapped");
        var unwrapped = await UseAsync("cipher/unwrap", kid, new { kid, msg = B64(wrapped), alg = "AES256" });
        wrapped[5] ^= 0x80;
        var tampered = await UseAsync("cipher/unwrap", kid, new { kid, msg = B64(wrapped), alg = "AES256" });

        // Assert
        wrapped.Should().HaveCount(40, "RFC 3394 adds 8 bytes");
        Bytes(unwrapped, "unwrapped").Should().Equal(secret);
        tampered.Status.Should().Be(406);
    }

    [TestMethod]
    public async Task Wrap_in_ECDH_mode_unwraps_here_with_the_derived_kek_and_the_rfc3394_icv()
    {
        // Arrange
        var (kid, peerPublic, shared) = await X25519PeerAsync("E2E wrap ecdh");
        var kek = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, salt: [], info: Encoding.ASCII.GetBytes("encedo-kek"));
        var secret = RandomNumberGenerator.GetBytes(24);

        // Act
        var wrapped = Bytes(await UseAsync("cipher/wrap", kid, new { kid, msg = B64(secret), pubkey = B64(peerPublic) }), "wrapped");

        // Assert: default alg AES256, default initial value A6A6A6A6A6A6A6A6 (RFC 3394 §2.2.3.1).
        var engine = new Rfc3394WrapEngine(AesUtilities.CreateEngine());
        engine.Init(false, new KeyParameter(kek));
        engine.Unwrap(wrapped, 0, wrapped.Length).Should().Equal(secret);
    }

    [TestMethod]
    public async Task Hmac_with_a_stored_key_verifies_on_the_device_and_a_modified_mac_answers_406()
    {
        // Arrange
        var kid = await CreateAsync("SHA2-384", "E2E hmac");
        var msg = B64("HMAC on the device");

        // Act
        var mac = Bytes(await UseAsync("hmac/hash", kid, new { kid, msg }), "mac");
        var valid = await UseAsync("hmac/verify", kid, new { kid, msg, mac = B64(mac) });
        mac[0] ^= 0x01;
        var invalid = await UseAsync("hmac/verify", kid, new { kid, msg, mac = B64(mac) });

        // Assert
        mac.Should().HaveCount(48, "the digest follows from the key type SHA2-384");
        valid.Status.Should().Be(200);
        invalid.Status.Should().Be(406);
    }

    [TestMethod]
    public async Task Hmac_in_ECDH_mode_equals_HMAC_keyed_with_the_digest_of_the_shared_secret()
    {
        // Arrange
        var (kid, peerPublic, shared) = await X25519PeerAsync("E2E hmac ecdh");
        var message = Encoding.UTF8.GetBytes("HMAC keyed by ECDH");

        // Act
        var mac = Bytes(await UseAsync("hmac/hash", kid, new { kid, msg = B64(message), alg = "SHA2-256", pubkey = B64(peerPublic) }), "mac");

        // Assert: HMAC key = Hash_alg(ss) (spec §18.4, §22 #10).
        mac.Should().Equal(HMACSHA256.HashData(SHA256.HashData(shared), message));
    }

    /// <summary>A device CURVE25519 key, an X25519 key pair made here, and their shared secret computed here.</summary>
    private static async Task<(string Kid, byte[] PeerPublic, byte[] Shared)> X25519PeerAsync(string label)
    {
        var kid = await CreateAsync("CURVE25519", label);
        var devicePublic = await PublicKeyAsync(kid);
        var peerPrivate = RandomNumberGenerator.GetBytes(X25519.ScalarSize);
        var peerPublic = new byte[X25519.PointSize];
        X25519.ScalarMultBase(peerPrivate, 0, peerPublic, 0);
        var shared = new byte[X25519.PointSize];
        X25519.CalculateAgreement(peerPrivate, 0, devicePublic, 0, shared, 0).Should().BeTrue();
        return (kid, peerPublic, shared);
    }

    /// <summary>AES-GCM with a 128-bit tag and any nonce length (SP 800-38D: a 16-byte nonce goes through GHASH).</summary>
    private static byte[] Gcm(bool encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] input)
    {
        var gcm = new GcmBlockCipher(AesUtilities.CreateEngine());
        gcm.Init(encrypt, new AeadParameters(new KeyParameter(key), 128, nonce, aad));
        var output = new byte[gcm.GetOutputSize(input.Length)];
        var length = gcm.ProcessBytes(input, 0, input.Length, output, 0);
        length += gcm.DoFinal(output, length);
        return output[..length];
    }
}
