using HemSim.Firmware.Audit;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// C12 <c>POST /api/crypto/pqc/mldsa/sign</c> (spec §13.12). Exact scope <c>keymgmt:use:&lt;kid&gt;</c> (403,
/// audited by the pipeline); roles U and external app (M → 403); HTTPS only (418); 409 uninitialised or faulted.
/// Body <c>{kid, msg, ctx?}</c>.
/// 400: kid missing, not a string or not 32 hex characters; msg missing, not a string or not base64; ctx not a
/// string, not base64 or over 255 bytes.
/// 406: no valid key has the kid; the key is not ML-DSA, or public-only; the secret does not unseal.
/// 200 <c>{"alg": "MLDSA44|65|87", "sign": b64 2420|3309|4627 B}</c>: pure ML-DSA.Sign (FIPS 204 Alg. 2, not
/// HashML-DSA) of msg under ctx (empty when absent). The spec allows hedged or deterministic (§13.12); the
/// simulator hedges, FIPS 204's default (§3.4), with rnd drawn from the device entropy.
/// Audit CRYPTO_PQC_MLDSA_SIGN (41): OK / ERROR (400) / FAILED (406), data = the kid.
/// </summary>
internal static class CryptoMlDsaSign
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/pqc/mldsa/sign", AuditEvent.CryptoPqcMldsaSign, Handle);

    private static Reply Handle(RequestContext context)
    {
        // Spec §3.3: a malformed field (400) wins over an unknown kid (406); the kid still goes into the audit line.
        if (CryptoSupport.ReadKid(context) is { } malformed)
        {
            return malformed;
        }
        var body = context.Body;
        if (!CryptoSupport.TryReadBase64(body, "msg", required: true, int.MaxValue, out var message)
            || !PqcSupport.TryReadContext(body, out var ctx))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        if (CryptoSupport.FindKey(context, out var record) is { } missing)
        {
            return missing;
        }
        if (!PqcSupport.TryMlDsaPrivateKey(context, record, out var privateKey))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        var signature = privateKey.Algorithm.Sign(privateKey, message, ctx, context.Device.Entropy);
        return Reply.Json(w =>
        {
            w.WriteString("alg", privateKey.Algorithm.Name);
            w.WriteString("sign", Base64Text.Encode(signature));
        });
    }
}
