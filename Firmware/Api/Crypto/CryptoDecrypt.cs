using System.Security.Cryptography;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// C6 <c>POST /api/crypto/cipher/decrypt</c> (spec §13.6). Body <c>{kid, msg, alg, iv?, tag?, aad?, ext_kid? |
/// pubkey?, ctx?}</c>. The pipeline answers 409, 418, 401 and 403 as for every crypto endpoint.
/// 400: kid not 32 hex characters; alg missing or not one of the nine cipher strings; msg missing or not base64;
/// CBC/GCM without an iv of exactly 16 bytes; GCM without a tag of exactly 16 bytes; aad not base64 or over 64
/// bytes; ECB msg not a multiple of 16 bytes; malformed ECDH-mode fields (as encrypt).
/// 406: kid unknown; the key rules of encrypt; CBC input not whole blocks or bad PKCS#7 padding; GCM tag not
/// matching key, iv, aad and ciphertext.
/// 200 <c>{"plaintext"}</c>. Audit CRYPTO_DECRYPT (37): OK / ERROR (400) / FAILED (406), data = kid.
/// </summary>
internal static class CryptoDecrypt
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/cipher/decrypt", AuditEvent.CryptoDecrypt, Handle);

    private static Reply Handle(RequestContext context)
    {
        if (CryptoSupport.ReadKid(context) is { } malformed)
        {
            return malformed;
        }
        var body = context.Body;
        if (!CipherSupport.TryReadCipherAlg(body, out var alg)
            || !CryptoSupport.TryReadBase64(body, "msg", required: true, CipherSupport.MaxMessage, out var msg)
            || !CryptoSupport.TryReadBase64(body, "aad", required: false, CipherSupport.MaxAad, out var aad)
            || !TryReadModeFields(body, alg.Mode, msg!, out var iv, out var tag)
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
            if (!TryDecrypt(lease.Cipher, alg.Mode, msg!, iv, tag, aad, out var plaintext))
            {
                return Reply.Of(ApiStatus.OperationFailed);
            }
            // The reply is serialised here, so the plaintext can be wiped straight after.
            var reply = Reply.Json(w => w.WriteBase64String("plaintext", plaintext));
            CryptographicOperations.ZeroMemory(plaintext);
            return reply;
        }
    }

    /// <summary>ECB: msg block-aligned. CBC: iv of 16 bytes. GCM: iv and tag of 16 bytes. Other fields are ignored.</summary>
    private static bool TryReadModeFields(JsonBody body, AesMode mode, byte[] msg, out byte[] iv, out byte[] tag)
    {
        iv = [];
        tag = [];
        switch (mode)
        {
            case AesMode.Ecb:
                return msg.Length % AesCipher.BlockSize == 0;
            case AesMode.Cbc:
                return TryReadExact(body, "iv", AesCipher.BlockSize, out iv);
            default:
                return TryReadExact(body, "iv", AesCipher.NonceSize, out iv) && TryReadExact(body, "tag", AesCipher.TagSize, out tag);
        }

        static bool TryReadExact(JsonBody body, string name, int length, out byte[] value)
        {
            value = [];
            if (!CryptoSupport.TryReadBase64(body, name, required: true, length, out var bytes) || bytes!.Length != length)
            {
                return false;
            }
            value = bytes;
            return true;
        }
    }

    private static bool TryDecrypt(AesCipher cipher, AesMode mode, byte[] msg, byte[] iv, byte[] tag, byte[]? aad, out byte[] plaintext)
    {
        switch (mode)
        {
            case AesMode.Ecb:
                plaintext = cipher.DecryptEcb(msg);
                return true;
            case AesMode.Cbc:
                return cipher.TryDecryptCbc(msg, iv, out plaintext);
            default:
                return cipher.TryDecryptGcm(msg, tag, iv, aad, out plaintext);
        }
    }
}
