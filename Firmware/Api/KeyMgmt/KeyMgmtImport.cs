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
/// K9 <c>POST /api/keymgmt/import</c> (spec §12.9). Scope prefix <c>keymgmt:imp</c>; roles U and external
/// app (M → 403); HTTPS only (418); 409 uninitialised or faulted. Body <c>{label, type, pubkey, mode?, descr?}</c>.
/// 400: label, type or pubkey missing or not a string; label not 1–32 printable ASCII; pubkey not base64
/// (SIM: undecodable input is malformed, §3.5); descr malformed or over 64 bytes (§22 #4); mode not a string.
/// 406: type not one of the 14 asymmetric types (symmetric, GENERIC_DER and unknown names alike); pubkey not
/// exactly the §17.5 length; a SECP point that is not compressed (02/03) or not on the curve; a valid record
/// with the same kid (a re-import, or the public key of a key generated here); repository full; SIM: a descr
/// starting with "EXTAID", which marks a paired app and only ext/validate writes (<see cref="PairedApps.IsReservedDescr"/>).
/// 200 <c>{"kid"}</c> with kid = SHA-1(pubkey bytes as supplied)[0..16) (§17.4). The record is public-only:
/// usage flags (SECP from <c>mode</c>, as create), <c>PQC</c> for ML-KEM/ML-DSA, never <c>ATT</c> or <c>PKEY</c>.
/// Audit KEY_IMPORT: OK / ERROR (400) / FAILED (406); data = the kid of the supplied key once the body is
/// well formed (empty on 400).
/// </summary>
internal static class KeyMgmtImport
{
    private const int KidSize = 16;

    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/keymgmt/import",
        Access.Scoped(Role.User | Role.External, "keymgmt:imp"),
        EndpointFlags.HttpsOnly | EndpointFlags.RequiresInitialised | EndpointFlags.JsonBody, Handle)
    {
        OutcomeEvent = AuditEvent.KeyImport,
    };

    private static Reply Handle(RequestContext context)
    {
        var body = context.Body;
        if (!body.TryGetString("label", out var label) || !KeyMgmtSupport.IsValidLabel(label)
            || !body.TryGetString("type", out var typeName)
            || !body.TryGetString("pubkey", out var pubkeyText) || !Base64Text.TryDecode(pubkeyText, out var pubkey)
            || !KeyMgmtSupport.TryReadDescr(body, out var descr)
            || (body.Has("mode") && !body.TryGetString("mode", out _)))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        var kid = Kid.FromBytes(SHA1.HashData(pubkey).AsSpan(0, KidSize));
        context.AuditData = kid.ToBytes();
        if (PairedApps.IsReservedDescr(descr)
            || !KeyTypes.TryParse(typeName, out var type) || !KeyTypes.IsAsymmetric(type) || !IsValidPublicKey(type, pubkey))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        body.TryGetString("mode", out var mode);
        var flags = KeyAttributes.UsageFor(type, mode);
        var outcome = context.Device.Keys.TryAdd(kid, type, flags, label, descr, pubkey, [], context.Now, out _);
        if (outcome != AddOutcome.Added)
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        return Reply.Json(w => w.WriteString("kid", kid.Hex));
    }

    /// <summary>
    /// §17.5: the exact length of the type's encoding; SECP points must also be compressed and on the
    /// curve. Other encodings are checked by length only, as the spec states ("Lengths are checked").
    /// </summary>
    private static bool IsValidPublicKey(KeyType type, byte[] pubkey) =>
        pubkey.Length == KeyTypes.PublicKeySize(type)
        && (KeyTypes.ClassOf(type) != KeyClass.Secp || Sec1.IsValidCompressed(type, pubkey));
}
