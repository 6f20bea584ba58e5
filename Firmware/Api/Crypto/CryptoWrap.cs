using System.Security.Cryptography;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// C7 <c>POST /api/crypto/cipher/wrap</c> (spec §13.7): RFC 3394 key wrap. Body <c>{kid, msg, alg?, iv?, ext_kid? |
/// pubkey?, ctx?}</c>. The pipeline answers 409, 418, 401 and 403 as for every crypto endpoint.
/// 400: kid not 32 hex characters; alg present but not AES128/AES192/AES256 (absent = AES256); msg missing (§22
/// #15: [Y] makes it required; [P]'s "wraps random data" is unverified) or not base64; iv not base64; malformed
/// ECDH-mode fields (ext_kid, pubkey, ctx ≤ 64 bytes).
/// 406: kid unknown; msg not a multiple of 8 bytes or shorter than 16 (RFC 3394 n ≥ 2); iv not 8 bytes; stored mode:
/// not an AES key, or an AES key whose size is not alg's (SIM: the KEK size is exact here, unlike encrypt's
/// prefix rule, because [T] always passes the key's own type); ECDH mode: the key-mode failures of encrypt.
/// 200 <c>{"wrapped"}</c>, 8 bytes longer than msg; initial value iv or A6A6A6A6A6A6A6A6. ECDH mode: KEK =
/// HKDF-SHA256(ss, "encedo-kek" ‖ ctx, alg size). Audit CRYPTO_WRAP (34): OK / ERROR (400) / FAILED (406), data = kid.
/// </summary>
internal static class CryptoWrap
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/cipher/wrap", AuditEvent.CryptoWrap, Handle);

    private static Reply Handle(RequestContext context)
    {
        if (CryptoSupport.ReadKid(context) is { } malformed)
        {
            return malformed;
        }
        var body = context.Body;
        if (!CipherSupport.TryReadWrapAlg(body, out int kekSize)
            || !CryptoSupport.TryReadBase64(body, "msg", required: true, CipherSupport.MaxMessage, out var msg)
            || !CryptoSupport.TryReadBase64(body, "iv", required: false, CipherSupport.MaxMessage, out var iv)
            || !CipherSupport.TryReadKeySource(body, out var source))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        if (CryptoSupport.FindKey(context, out var record) is { } missing)
        {
            return missing;
        }
        // Spec §13.7: wrap answers 406 for its input (unwrap answers 400 for its blob).
        if (msg!.Length % 8 != 0 || msg.Length < 16
            || iv is { Length: not AesCipher.WrapIvSize })
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        var failure = CipherSupport.TryOpen(context, record, source, kekSize, CipherSupport.KekLabel, exactSize: true, out var lease);
        if (failure is not null)
        {
            return failure;
        }
        using (lease)
        {
            try
            {
                byte[] wrapped = lease.Cipher.Wrap(msg, iv ?? AesCipher.DefaultWrapIv);
                return Reply.Json(w => w.WriteBase64String("wrapped", wrapped));
            }
            finally
            {
                // msg is the key being wrapped; the reply is already serialised.
                CryptographicOperations.ZeroMemory(msg);
            }
        }
    }
}
