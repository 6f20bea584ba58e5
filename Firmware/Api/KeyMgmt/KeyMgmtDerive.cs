using System.Security.Cryptography;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Auth.External;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>
/// K10 <c>POST /api/keymgmt/derive</c> (spec §12.10). Scope prefix <c>keymgmt:derive</c> or <c>keymgmt:gen</c>;
/// roles U and external app (M → 403); HTTPS only (418); 409 uninitialised or faulted.
/// Body <c>{kid, label, type, ext_kid? | pubkey?, mode?, descr?}</c>.
/// 400: kid not 32 hex characters; label not 1–32 printable ASCII; type missing, empty or not a string;
/// ext_kid present but not 32 hex; pubkey (when it is the peer) not base64; mode not a string.
/// A malformed descr is dropped silently (§22 #4).
/// 406: SIM: a well-formed descr starting with "EXTAID", which marks a paired app and only ext/validate writes
/// (<see cref="PairedApps.IsReservedDescr"/>); source key missing, public-only, or not ECDH-capable (CURVE25519, CURVE448, SECP with ECDH);
/// no peer; ext_kid not stored, or on another curve; pubkey not the §17.5 length of the source's curve
/// or (SECP) not a valid compressed point; degenerate ECDH result; SECP scalar out of [1, n−1]; duplicate
/// kid; repository full.
/// 200 <c>{"kid"}</c>: <c>ss</c> = ECDH (SECP: the full x-coordinate), then <see cref="KeyDerivation"/>; the
/// new key has <c>PKEY</c> and the usages of its type (SECP from <c>mode</c>), no <c>ATT</c>; kid per §22 #13.
/// QUIRK: a type that is not one of the 17 derivable names (ML-KEM/ML-DSA, GENERIC_DER, unknown or
/// wrongly cased strings) → 200 echoing the SOURCE kid, nothing stored. The echo comes where the new key
/// would be built, so every check on the source and the peer (406) still applies before it.
/// Audit KEY_DERIVE: OK / ERROR (400) / ERROR (406, [D]). Data = the source kid once it parses, replaced by
/// the new kid once the new key exists (200, duplicate, full).
/// </summary>
internal static class KeyMgmtDerive
{
    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/keymgmt/derive",
        Access.Scoped(Role.User | Role.External, "keymgmt:derive", "keymgmt:gen"),
        EndpointFlags.HttpsOnly | EndpointFlags.RequiresInitialised | EndpointFlags.JsonBody, Handle)
    {
        OutcomeEvent = AuditEvent.KeyDerive,
        // Spec §12.10: [D] lists ERROR, not FAILED, for a 406 here.
        FailedResult = AuditResult.Error,
    };

    private static Reply Handle(RequestContext context)
    {
        var body = context.Body;
        if (!body.TryGetString("kid", out var kidText) || !Kid.TryParse(kidText, out var kid))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        context.AuditData = kid.ToBytes();
        if (!body.TryGetString("label", out var label) || !KeyMgmtSupport.IsValidLabel(label)
            || !body.TryGetString("type", out var typeName) || typeName.Length == 0
            || (body.Has("mode") && !body.TryGetString("mode", out _))
            || !KeyDeriveSupport.TryReadPeer(body, out var peer))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        if (!KeyMgmtSupport.TryReadDescr(body, out var descr))
        {
            descr = [];
        }

        var keys = context.Device.Keys;
        if (PairedApps.IsReservedDescr(descr)
            || !keys.TryFind(kid, out var source) || !KeyDeriveSupport.IsEcdhSource(source)
            || !KeyDeriveSupport.TryPeerPublicKey(keys, peer, (KeyType)source.KeyType, out var peerPublic)
            || !KeyDeriveSupport.TryAgree(keys, source, peerPublic, out var shared))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        try
        {
            if (!KeyTypes.TryParse(typeName, out var target) || !KeyDerivation.IsDerivable(target))
            {
                // QUIRK (spec §12.10): the firmware answers success with the source kid and stores nothing.
                return Reply.Json(w => w.WriteString("kid", kid.Hex));
            }
            body.TryGetString("mode", out var mode);
            return Store(context, target, shared, label, descr, mode);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    private static Reply Store(RequestContext context, KeyType target, byte[] shared, string label, byte[] descr, string? mode)
    {
        if (!KeyDerivation.TryDerive(target, shared, out var derived))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        using var secret = derived.Secret;
        var newKid = Kid.FromBytes(KeyGenerator.KidOf(target, secret.Span, derived.PublicKey));
        context.AuditData = newKid.ToBytes();
        var flags = KeyFlags.Pkey | KeyAttributes.UsageFor(target, mode);
        var outcome = context.Device.Keys.TryAdd(newKid, target, flags, label, descr, derived.PublicKey, secret.Span, context.Now, out _);
        if (outcome != AddOutcome.Added)
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        return Reply.Json(w => w.WriteString("kid", newKid.Hex));
    }
}
