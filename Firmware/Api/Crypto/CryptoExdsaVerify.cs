using HemSim.Firmware.Audit;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// C4 <c>POST /api/crypto/exdsa/verify</c> (spec §13.4). Body <c>{kid, msg, sign, alg, ctx?}</c>. Access per
/// <see cref="CryptoSupport.Post"/>: 418 plain HTTP, 409 uninitialised or faulted, 401, 403 (role M, or a
/// <c>keymgmt:use</c> token of another kid; FAILED_SCOPE_CHECK).
/// Works with a private key's public half and with an imported public-only key alike.
/// 400: as <c>exdsa/sign</c>, plus sign missing or not base64 (<see cref="ExdsaSupport.TryRead"/>). The
/// "≤148 bytes nominal" of the spec is not enforced: a signature of the wrong length is simply invalid (406).
/// 406: no such key; a type that cannot sign; a SECP key (private or imported) without the ExDSA usage; an
/// alg that does not fit the key; Ed25519ctx with an absent or empty ctx (§22 #44); an invalid signature,
/// including malformed DER, a wrong length, a stored public key that is no curve point.
/// 200 empty: the signature is valid.
/// Audit CRYPTO_EXDSA_VERIFY (33): OK / ERROR (400) / FAILED (406), data = the kid once it parses.
/// </summary>
internal static class CryptoExdsaVerify
{
    public static readonly EndpointDescriptor Descriptor =
        CryptoSupport.Post("/api/crypto/exdsa/verify", AuditEvent.CryptoExdsaVerify, Handle);

    private static Reply Handle(RequestContext context)
    {
        var refused = ExdsaSupport.TryRead(context, withSignature: true, out var request);
        if (refused is not null)
        {
            return refused;
        }
        if (!ExdsaSupport.Fits(request))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        var record = request.Key;
        var key = context.Device.Keys.GetPublicHandle(record, publicKey => ExdsaPublicKey.Open((KeyType)record.KeyType, publicKey));
        return key.Verify(request.Algorithm, request.Message, request.Signature, ExdsaSupport.ContextFor(request))
            ? Reply.Of(ApiStatus.Ok)
            : Reply.Of(ApiStatus.OperationFailed);
    }
}
