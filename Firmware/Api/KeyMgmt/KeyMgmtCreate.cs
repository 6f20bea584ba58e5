using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Auth.External;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>
/// K7 <c>POST /api/keymgmt/create</c> (spec §12.7). Scope prefix <c>keymgmt:gen</c>; roles U and external
/// app (M → 403); HTTPS only (418); 409 uninitialised or faulted. Body <c>{label, type, mode?, descr?}</c>.
/// 400: label not 1–32 printable ASCII, type not one of the 23 names, descr malformed or over 64 bytes.
/// 406: repository full, or a key with the same kid already stored; SIM: a descr starting with "EXTAID", which
/// marks a paired app and only ext/validate writes (<see cref="PairedApps.IsReservedDescr"/>). 200 <c>{"kid"}</c>.
/// Audit KEY_GENERATION: OK / ERROR (400) / FAILED (406), data = kid (by the pipeline).
/// </summary>
internal static class KeyMgmtCreate
{
    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/keymgmt/create",
        Access.Scoped(Role.User | Role.External, "keymgmt:gen"),
        EndpointFlags.HttpsOnly | EndpointFlags.RequiresInitialised | EndpointFlags.JsonBody, Handle)
    {
        OutcomeEvent = AuditEvent.KeyGeneration,
    };

    private static Reply Handle(RequestContext context)
    {
        var body = context.Body;
        if (!body.TryGetString("label", out var label) || !KeyMgmtSupport.IsValidLabel(label)
            || !body.TryGetString("type", out var typeName) || !KeyTypes.TryParse(typeName, out var type)
            || !KeyMgmtSupport.TryReadDescr(body, out var descr)
            || (body.Has("mode") && !body.TryGetString("mode", out _)))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        var keys = context.Device.Keys;
        if (PairedApps.IsReservedDescr(descr) || !keys.HasFreeSlot)
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        body.TryGetString("mode", out var mode);
        var generated = KeyGenerator.Generate(type, context.Device.Entropy);
        using var secret = generated.Secret;
        var kid = Kid.FromBytes(KeyGenerator.KidOf(type, secret.Span, generated.PublicKey));
        context.AuditData = kid.ToBytes();
        var flags = KeyFlags.Att | KeyFlags.Pkey | KeyAttributes.UsageFor(type, mode);
        var outcome = keys.TryAdd(kid, type, flags, label, descr, generated.PublicKey, secret.Span, context.Now, out _);
        if (outcome != AddOutcome.Added)
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        return Reply.Json(w => w.WriteString("kid", kid.Hex));
    }
}
