using System.Security.Cryptography;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// C11 <c>POST /api/crypto/pqc/mlkem/decaps</c> (spec §13.11). Exact scope <c>keymgmt:use:&lt;kid&gt;</c> (403,
/// audited by the pipeline); roles U and external app (M → 403); HTTPS only (418); 409 uninitialised or faulted.
/// Body <c>{kid, ct}</c>.
/// 400: kid missing, not a string or not 32 hex characters; ct missing, not a string or not base64.
/// 406: no valid key has the kid; the key is not ML-KEM, or public-only; ct is not exactly 768/1088/1568
/// bytes for the key's parameter set; the secret does not unseal.
/// 200 <c>{"alg", "ss": b64 32 B}</c>: ML-KEM.Decaps (FIPS 203 Alg. 21); a forged ct of the right length gives
/// the implicit-rejection secret, not an error. QUIRK (spec §13.11): the 1.2.2 firmware puts an unrelated
/// internal string in <c>alg</c> and clients treat it as opaque; the simulator returns the parameter-set name
/// (<c>MLKEM512|768|1024</c>), the harmless choice the spec recommends.
/// Audit CRYPTO_PQC_MLKEM_DECAPS (40): OK / ERROR (400) / FAILED (406), data = the kid.
/// </summary>
internal static class CryptoMlKemDecaps
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/pqc/mlkem/decaps", AuditEvent.CryptoPqcMlkemDecaps, Handle);

    private static Reply Handle(RequestContext context)
    {
        // Spec §3.3: a malformed field (400) wins over an unknown kid (406); the kid still goes into the audit line.
        if (CryptoSupport.ReadKid(context) is { } malformed)
        {
            return malformed;
        }
        if (!CryptoSupport.TryReadBase64(context.Body, "ct", required: true, int.MaxValue, out var ciphertext))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        if (CryptoSupport.FindKey(context, out var record) is { } missing)
        {
            return missing;
        }
        if (!PqcSupport.TryMlKemPrivateKey(context, record, out var privateKey)
            || ciphertext!.Length != privateKey.Algorithm.CiphertextSize)
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        var sharedSecret = privateKey.Algorithm.Decapsulate(privateKey, ciphertext);
        try
        {
            return Reply.Json(w =>
            {
                w.WriteString("alg", privateKey.Algorithm.Name);
                w.WriteString("ss", Base64Text.Encode(sharedSecret));
            });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sharedSecret);
        }
    }
}
