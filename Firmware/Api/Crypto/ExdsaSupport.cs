using HemSim.Firmware.Crypto;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Crypto;

/// <summary>
/// What <c>exdsa/sign</c> (spec §13.3) and <c>exdsa/verify</c> (§13.4) share: the request fields
/// <c>{kid, msg, alg, ctx?}</c> and the rule of which key takes which algorithm.
/// </summary>
internal static class ExdsaSupport
{
    /// <summary>The validated fields; <see cref="Context"/> is empty when absent; <see cref="Signature"/> is
    /// empty for sign.</summary>
    public sealed record Request(KeySlotRecord Key, ExdsaAlgorithm Algorithm, byte[] Message, byte[] Context, byte[] Signature);

    /// <summary>
    /// Reads the request. Null on success; otherwise the reply, in spec §3.3 order: 400 kid not 32 hex; 400
    /// <c>msg</c> missing or not base64; 400 <c>alg</c> missing, not a string or not one of the eight §18.1
    /// strings; 400 <c>ctx</c> not base64 or over 255 bytes; then 406 no valid key with that kid. <c>ctx</c> is
    /// checked whatever the algorithm (a malformed field is malformed) but only used by the variants that take
    /// a context. The message size is not limited apart from the body limit (§22 #46). With
    /// <paramref name="withSignature"/> (verify) also 400 when <c>sign</c> is missing or not base64; its
    /// "≤148 bytes nominal" is not enforced: a signature of the wrong length is just invalid (406).
    /// </summary>
    public static Reply? TryRead(RequestContext context, bool withSignature, out Request request)
    {
        request = null!;
        if (CryptoSupport.ReadKid(context) is { } malformed)
        {
            return malformed;
        }
        var body = context.Body;
        if (!CryptoSupport.TryReadBase64(body, "msg", required: true, int.MaxValue, out var message)
            || !body.TryGetString("alg", out var algText) || !ExdsaAlgorithms.TryParse(algText, out var algorithm)
            || !CryptoSupport.TryReadBase64(body, "ctx", required: false, SignatureAlgorithm.MaxContextSize, out var ctx)
            || !CryptoSupport.TryReadBase64(body, "sign", required: withSignature, int.MaxValue, out var signature))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        if (CryptoSupport.FindKey(context, out var record) is { } unknown)
        {
            return unknown;
        }
        request = new Request(record, algorithm, message!, ctx ?? [], withSignature ? signature! : []);
        return null;
    }

    /// <summary>
    /// True when the key may be used with the algorithm (else 406): an ED25519, ED448 or SECP key carrying
    /// the ExDSA usage (SECP keys get it from <c>mode</c>; EdDSA keys always have it, §17.2), an algorithm
    /// of the §13.3 table for its type, and a context the variant accepts (Ed25519ctx needs one, §22 #44).
    /// The same rule serves verify: §13.4 asks for "the same alg/curve pairing as C3", and the ExDSA flag is
    /// the key's permission to sign or verify, so an imported SECP key without ExDSA cannot verify either
    /// (import it with <c>mode</c> "ExDSA").
    /// </summary>
    public static bool Fits(Request request)
    {
        var type = (KeyType)request.Key.KeyType;
        var flags = (KeyFlags)request.Key.Flags;
        return Enum.IsDefined(type)
            && KeyTypes.ClassOf(type) is KeyClass.Secp or KeyClass.Edwards
            && flags.HasFlag(KeyFlags.ExDsa)
            && ExdsaAlgorithms.Fits(type, request.Algorithm)
            && (!TakesContext(request.Algorithm) || ExdsaAlgorithms.EdDsa(request.Algorithm).IsValidContext(request.Context));
    }

    /// <summary>The context the primitive gets: the request's for the variants that take one, else none.</summary>
    public static ReadOnlySpan<byte> ContextFor(Request request) =>
        TakesContext(request.Algorithm) ? request.Context : [];

    private static bool TakesContext(ExdsaAlgorithm algorithm) =>
        algorithm is not (ExdsaAlgorithm.Sha256WithEcdsa or ExdsaAlgorithm.Sha384WithEcdsa or ExdsaAlgorithm.Sha512WithEcdsa
            or ExdsaAlgorithm.Ed25519);
}
