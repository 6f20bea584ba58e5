using System.Security.Cryptography;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// C10 <c>POST /api/crypto/pqc/mlkem/encaps</c> (spec §13.10). Exact scope <c>keymgmt:use:&lt;kid&gt;</c> (403,
/// audited by the pipeline); roles U and external app (M → 403); HTTPS only (418); 409 uninitialised or faulted.
/// Body <c>{kid}</c>.
/// 400: kid missing, not a string or not 32 hex characters.
/// 406: no valid key has the kid; the key is not ML-KEM; QUIRK: the key is an imported public-only ML-KEM key
/// (the firmware encapsulates with its private-key object) unless <c>PqcPublicKeys</c> is set, and then also
/// when that key fails the FIPS 203 §7.2 modulus check; the secret does not unseal.
/// 200 <c>{"alg": "MLKEM512|768|1024", "ss": b64 32 B, "ct": b64 768|1088|1568 B}</c>: ML-KEM.Encaps (FIPS 203
/// Alg. 20) with m from the device entropy.
/// Audit CRYPTO_PQC_MLKEM_ENCAPS (39): OK / ERROR (400) / FAILED (406), data = the kid.
/// </summary>
internal static class CryptoMlKemEncaps
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/pqc/mlkem/encaps", AuditEvent.CryptoPqcMlkemEncaps, Handle);

    private static Reply Handle(RequestContext context)
    {
        if (CryptoSupport.FindKey(context, out var record) is { } failure)
        {
            return failure;
        }
        if (!PqcSupport.TryMlKemPublicKey(context, record, out var publicKey)
            || !publicKey.Algorithm.TryEncapsulate(publicKey, context.Device.Entropy, out var sharedSecret, out var ciphertext))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        try
        {
            return Reply.Json(w =>
            {
                w.WriteString("alg", publicKey.Algorithm.Name);
                w.WriteString("ss", Base64Text.Encode(sharedSecret));
                w.WriteString("ct", Base64Text.Encode(ciphertext));
            });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sharedSecret);
        }
    }
}
