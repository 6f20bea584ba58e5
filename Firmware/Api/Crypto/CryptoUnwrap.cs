using System.Security.Cryptography;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// C8 <c>POST /api/crypto/cipher/unwrap</c> (spec §13.8): RFC 3394 key unwrap. Body as wrap, <c>msg</c> = the
/// wrapped blob. The pipeline answers 409, 418, 401 and 403 as for every crypto endpoint.
/// 400: kid not 32 hex characters; alg present but not AES128/AES192/AES256; msg missing, not base64, not a
/// multiple of 8 bytes or shorter than 24 (spec §13.8: 400 here, where wrap answers 406); iv not base64; malformed
/// ECDH-mode fields.
/// 406: kid unknown; iv not 8 bytes (as wrap); the KEK rules of wrap; the RFC 3394 §2.2.3 integrity check fails
/// (another KEK, another initial value, altered blob).
/// 200 <c>{"unwrapped"}</c>, 8 bytes shorter. Audit CRYPTO_UNWRAP (35): OK / ERROR (400) / FAILED (406), data = kid.
/// </summary>
internal static class CryptoUnwrap
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/cipher/unwrap", AuditEvent.CryptoUnwrap, Handle);

    private static Reply Handle(RequestContext context)
    {
        if (CryptoSupport.ReadKid(context) is { } malformed)
        {
            return malformed;
        }
        var body = context.Body;
        if (!CipherSupport.TryReadWrapAlg(body, out int kekSize)
            || !CryptoSupport.TryReadBase64(body, "msg", required: true, CipherSupport.MaxMessage, out var msg)
            || msg!.Length % 8 != 0 || msg.Length < 24
            || !CryptoSupport.TryReadBase64(body, "iv", required: false, CipherSupport.MaxMessage, out var iv)
            || !CipherSupport.TryReadKeySource(body, out var source))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        if (CryptoSupport.FindKey(context, out var record) is { } missing)
        {
            return missing;
        }
        if (iv is { Length: not AesCipher.WrapIvSize })
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
            if (!lease.Cipher.TryUnwrap(msg, iv ?? AesCipher.DefaultWrapIv, out var unwrapped))
            {
                return Reply.Of(ApiStatus.OperationFailed);
            }
            return Reply.Json(w =>
            {
                w.WriteBase64String("unwrapped", unwrapped);
                CryptographicOperations.ZeroMemory(unwrapped);
            });
        }
    }
}
