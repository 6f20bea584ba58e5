using HemSim.Firmware.Audit;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// C1 <c>POST /api/crypto/hmac/hash</c> (spec §13.1). Scope exactly <c>keymgmt:use:&lt;kid&gt;</c> (another kid → 403,
/// FAILED_SCOPE_CHECK); role M → 403; 409 uninitialised or faulted. QUIRK (§3.4): plain HTTP → 409, not 418 (418
/// with <c>StrictTls</c>); the pipeline does this from <see cref="EndpointFlags.PlainHttpIsWrongState"/>.
/// Body <c>{kid, msg, alg?, ext_kid?, pubkey?}</c>.
/// Stored-key mode (no <c>ext_kid</c>/<c>pubkey</c>): <c>kid</c> is an HMAC key; its type gives the digest; <c>alg</c>
/// is ignored. ECDH mode: <c>alg</c> names the digest, the HMAC key is Hash_alg(ss) (§18.4).
/// 400: kid not 32 hex (or missing/not a string, by the pipeline); msg missing or not base64; in ECDH mode ext_kid
/// not 32 hex, pubkey (when it is the peer) not base64, alg present but not one of the six names of §18.1.
/// 406: kid not stored; stored mode: not an HMAC key; ECDH mode: alg missing, kid not a private ECDH-capable key,
/// no peer, ext_kid not stored or on another curve, pubkey not a valid key of the curve.
/// 200 <c>{"mac"}</c>: 32/48/64 bytes. Audit CRYPTO_HMAC_HASH (30): OK / ERROR (400) / FAILED (406), data = kid.
/// </summary>
internal static class CryptoHmacHash
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/hmac/hash", AuditEvent.CryptoHmacHash, Handle, EndpointFlags.PlainHttpIsWrongState);

    private static Reply Handle(RequestContext context)
    {
        if (CryptoHmacSupport.Read(context, out var request) is { } malformed)
        {
            return malformed;
        }
        if (CryptoHmacSupport.Compute(context, request, out var mac) is { } failed)
        {
            return failed;
        }
        return Reply.Json(w => w.WriteString("mac", Base64Text.Encode(mac)));
    }
}
