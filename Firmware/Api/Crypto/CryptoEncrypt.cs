using HemSim.Firmware.Audit;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// C5 <c>POST /api/crypto/cipher/encrypt</c> (spec §13.5). Body <c>{kid, msg, alg, aad?, ext_kid? | pubkey?, ctx?}</c>.
/// The pipeline answers 409 (uninitialised, fault), 418 (plain HTTP), 401, 403 (role M, token for another kid).
/// 400: kid not 32 hex characters; alg missing or not one of the nine <c>AES{128,192,256}-{ECB,CBC,GCM}</c>; msg
/// missing or not base64; aad not base64 or over 64 bytes; ECB msg not a multiple of 16 bytes; in ECDH key mode
/// ext_kid not 32 hex, pubkey not base64, ctx not base64 or over 64 bytes.
/// 406: kid unknown; stored mode: not an AES key, or shorter than alg (a longer key uses its first alg-size bytes,
/// §22 #32); ECDH mode: kid not a private ECDH key, peer missing, unknown, on another curve or invalid; a
/// repeated GCM nonce (stuck entropy).
/// 200 <c>{"ciphertext", "iv"? (CBC, GCM), "tag"? (GCM)}</c>: ECB unpadded; CBC PKCS#7 with a fresh 16-byte IV;
/// GCM with a fresh 16-byte nonce and a 16-byte tag, aad authenticated (aad is used by GCM only). IVs and nonces
/// come from the device entropy. Audit CRYPTO_ENCRYPT (36): OK / ERROR (400) / FAILED (406), data = kid.
/// </summary>
internal static class CryptoEncrypt
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/cipher/encrypt", AuditEvent.CryptoEncrypt, Handle);

    private static Reply Handle(RequestContext context)
    {
        // Spec §3.3: every 400 comes before any 406, so a missing key is answered after the fields are read.
        if (CryptoSupport.ReadKid(context) is { } malformed)
        {
            return malformed;
        }
        var body = context.Body;
        if (!CipherSupport.TryReadCipherAlg(body, out var alg)
            || !CryptoSupport.TryReadBase64(body, "msg", required: true, CipherSupport.MaxMessage, out var msg)
            || !CryptoSupport.TryReadBase64(body, "aad", required: false, CipherSupport.MaxAad, out var aad)
            || (alg.Mode == AesMode.Ecb && msg!.Length % AesCipher.BlockSize != 0)
            || !CipherSupport.TryReadKeySource(body, out var source))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        if (CryptoSupport.FindKey(context, out var record) is { } missing)
        {
            return missing;
        }
        var failure = CipherSupport.TryOpen(context, record, source, alg.KeySize, CipherSupport.AesLabel, exactSize: false, out var lease);
        if (failure is not null)
        {
            return failure;
        }
        using (lease)
        {
            return Encrypt(context, lease.Cipher, alg.Mode, msg!, aad);
        }
    }

    private static Reply Encrypt(RequestContext context, AesCipher cipher, AesMode mode, byte[] msg, byte[]? aad)
    {
        switch (mode)
        {
            case AesMode.Ecb:
            {
                byte[] ciphertext = cipher.EncryptEcb(msg);
                return Reply.Json(w => w.WriteBase64String("ciphertext", ciphertext));
            }
            case AesMode.Cbc:
            {
                byte[] iv = CipherSupport.Random(context.Device.Entropy, AesCipher.BlockSize);
                byte[] ciphertext = cipher.EncryptCbc(msg, iv);
                return Reply.Json(w =>
                {
                    w.WriteBase64String("ciphertext", ciphertext);
                    w.WriteBase64String("iv", iv);
                });
            }
            default:
            {
                byte[] nonce = CipherSupport.Random(context.Device.Entropy, AesCipher.NonceSize);
                byte[] sealedText = new byte[msg.Length + AesCipher.TagSize];
                if (!cipher.TryEncryptGcm(msg, nonce, aad, sealedText))
                {
                    return Reply.Of(ApiStatus.OperationFailed);
                }
                int length = msg.Length;
                return Reply.Json(w =>
                {
                    w.WriteBase64String("ciphertext", sealedText.AsSpan(0, length));
                    w.WriteBase64String("iv", nonce);
                    w.WriteBase64String("tag", sealedText.AsSpan(length));
                });
            }
        }
    }
}
