using HemSim.Firmware.Audit;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// C13 <c>POST /api/crypto/pqc/mldsa/verify</c> (spec §13.13). Exact scope <c>keymgmt:use:&lt;kid&gt;</c> (403,
/// audited by the pipeline); roles U and external app (M → 403); HTTPS only (418); 409 uninitialised or faulted.
/// Body <c>{kid, msg, sign, ctx?}</c>.
/// 400: kid missing, not a string or not 32 hex characters; msg or sign missing, not a string or not base64;
/// ctx not a string, not base64 or over 255 bytes (255 for symmetry with sign, although [D] documents 64).
/// 406: no valid key has the kid; the key is not ML-DSA; the secret does not unseal; QUIRK: the key is an
/// imported public-only ML-DSA key (the firmware verifies with its private-key object) unless
/// <c>PqcPublicKeys</c> is set.
/// 200, empty: pure ML-DSA.Verify (FIPS 204 Alg. 3) of sign over msg under ctx (empty when absent) succeeds.
/// 795, empty: QUIRK (spec §3.4, §13.13, §22 #14): the signature does not verify (a wrong length included);
/// real 1.2.2 hardware leaks the library's error number as the status. <c>StrictMlDsaVerify</c> answers 406.
/// Audit CRYPTO_PQC_MLDSA_VERIFY (42): OK / ERROR (400) / FAILED (406 and 795), data = the kid.
/// </summary>
internal static class CryptoMlDsaVerify
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/pqc/mldsa/verify", AuditEvent.CryptoPqcMldsaVerify, Handle);

    private static Reply Handle(RequestContext context)
    {
        // Spec §3.3: a malformed field (400) wins over an unknown kid (406); the kid still goes into the audit line.
        if (CryptoSupport.ReadKid(context) is { } malformed)
        {
            return malformed;
        }
        var body = context.Body;
        if (!CryptoSupport.TryReadBase64(body, "msg", required: true, int.MaxValue, out var message)
            || !CryptoSupport.TryReadBase64(body, "sign", required: true, int.MaxValue, out var signature)
            || !PqcSupport.TryReadContext(body, out var ctx))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        if (CryptoSupport.FindKey(context, out var record) is { } missing)
        {
            return missing;
        }
        if (!PqcSupport.TryMlDsaPublicKey(context, record, out var publicKey))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        if (publicKey.Algorithm.Verify(publicKey, message, ctx, signature!))
        {
            return Reply.Of(ApiStatus.Ok);
        }
        // QUIRK (spec §13.13, §22 #14): the raw library error as the status line; 406 when strict.
        return Reply.Of(context.Device.Options.StrictMlDsaVerify ? ApiStatus.OperationFailed : ApiStatus.MlDsaVerifyFailed);
    }
}
