using System.Security.Cryptography;
using HemSim.Firmware.Api.KeyMgmt;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// C9 <c>POST /api/crypto/ecdh</c> (spec §13.9). Scope exactly <c>keymgmt:use:&lt;kid&gt;</c> (another kid → 403,
/// FAILED_SCOPE_CHECK); role M → 403; 409 uninitialised or faulted; plain HTTP → 418.
/// Body <c>{kid, ext_kid?, pubkey?, alg?}</c>: ss = ECDH(kid, peer), the peer being <c>ext_kid</c> (a stored key of the
/// same curve, its public half; may be <c>kid</c> itself; wins over pubkey) or <c>pubkey</c> (raw §17.5 bytes).
/// 400: kid not 32 hex (or missing/not a string, by the pipeline); ext_kid not 32 hex; pubkey (when it is the peer)
/// not base64; alg present but not one of the six names of §18.1.
/// 406: kid not stored, public-only, or not ECDH-capable (CURVE25519, CURVE448, SECP with ECDH); no peer; ext_kid not
/// stored or on another curve; pubkey not a valid key of the curve; degenerate result.
/// 200 <c>{"ecdh"}</c>: without alg, QUIRK (§22 #9, "always reported as 32 bytes"): the first 32 bytes of ss (X448
/// 56 → 32, P-384 48 → 32, P-521 66 → 32); with alg, Hash_alg of the full ss (32/48/64 bytes).
/// Audit CRYPTO_ECDH (38): OK / ERROR (400) / FAILED (406), data = kid.
/// </summary>
internal static class CryptoEcdh
{
    private const int RawSize = 32;

    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/ecdh", AuditEvent.CryptoEcdh, Handle);

    private static Reply Handle(RequestContext context)
    {
        // Every field is checked (400) before the key is looked up (406), spec §3.3.
        if (CryptoSupport.ReadKid(context) is { } malformed)
        {
            return malformed;
        }
        if (!KeyDeriveSupport.TryReadPeer(context.Body, out var peer) || !CryptoHmacSupport.TryReadAlg(context, out var alg))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        if (CryptoSupport.FindKey(context, out var record) is { } notFound)
        {
            return notFound;
        }
        if (!CryptoSupport.TryKeyModeSecret(context, record, peer, out var shared))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        try
        {
            // QUIRK (spec §13.9, §22 #9): the raw secret is cut to 32 bytes; a hash covers the full secret.
            var output = alg is null ? shared[..RawSize] : alg.Hash(shared);
            var text = Base64Text.Encode(output);
            CryptographicOperations.ZeroMemory(output);
            return Reply.Json(w => w.WriteString("ecdh", text));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }
}
