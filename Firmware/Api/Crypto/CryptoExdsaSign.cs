using HemSim.Firmware.Audit;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// C3 <c>POST /api/crypto/exdsa/sign</c> (spec §13.3). Body <c>{kid, msg, alg, ctx?}</c>. Access per
/// <see cref="CryptoSupport.Post"/>: 418 plain HTTP, 409 uninitialised or faulted, 401, 403 (role M, or a
/// <c>keymgmt:use</c> token of another kid; FAILED_SCOPE_CHECK).
/// 400: kid not 32 hex; msg missing or not base64; alg missing or not one of the eight §18.1 strings; ctx not
/// base64 or over 255 bytes (<see cref="ExdsaSupport.TryRead"/>).
/// 406: no such key; a public-only (imported) key; a type that cannot sign (CURVE*, AES, HMAC, PQC…); a SECP
/// key without the ExDSA usage; an alg that does not fit the key (§13.3 table); Ed25519ctx with an absent or
/// empty ctx (§22 #44); a sealed secret that does not unseal.
/// 200 <c>{"sign"}</c>: SHA*WithECDSA → DER <c>SEQUENCE{r, s}</c> (§22 #8); Ed25519 variants → 64 bytes; Ed448
/// variants → 114 bytes (RFC 8032 §5.1/§5.2). ctx is used by Ed25519ph/ctx and Ed448/ph only.
/// Audit CRYPTO_EXDSA_SIGN (32): OK / ERROR (400) / FAILED (406), data = the kid once it parses.
/// </summary>
internal static class CryptoExdsaSign
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/exdsa/sign", AuditEvent.CryptoExdsaSign, Handle);

    private static Reply Handle(RequestContext context)
    {
        var refused = ExdsaSupport.TryRead(context, withSignature: false, out var request);
        if (refused is not null)
        {
            return refused;
        }
        var record = request.Key;
        var keys = context.Device.Keys;
        if (!((KeyFlags)record.Flags).HasFlag(KeyFlags.Pkey) || record.SealedSecret.Length == 0
            || !ExdsaSupport.Fits(request)
            || !keys.TryOpenHandle(record, secret => ExdsaPrivateKey.Open((KeyType)record.KeyType, secret, record.PublicKey), out var key))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        byte[] signature = key.Sign(request.Algorithm, request.Message, ExdsaSupport.ContextFor(request));
        return Reply.Json(w => w.WriteBase64String("sign", signature));
    }
}
