using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Auth.External;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>
/// K8 <c>POST /api/keymgmt/update</c> (spec §12.8). Scope prefix <c>keymgmt:upd</c>; roles U and external
/// app (M → 403); HTTPS only (418); 409 uninitialised or faulted. Body <c>{kid, label, descr?}</c>.
/// 400: kid not 32 hex characters; label missing or not 1–32 printable ASCII (always required, [P]);
/// descr present but not b64 of at most 64 bytes. <c>descr: null</c> counts as absent (§3.7); a present
/// descr replaces the description, and an empty string clears it (INFERRED).
/// 406: no valid record with that kid; SIM: a descr starting with "EXTAID", which marks a paired app and only
/// ext/validate writes (<see cref="PairedApps.IsReservedDescr"/>). 200 empty; <c>updated</c> always moves forward (§12.1).
/// Audit KEY_ATTRIBUTES_CHANGED: OK / ERROR (400) / FAILED (406), data = kid once it parses (by the pipeline).
/// </summary>
internal static class KeyMgmtUpdate
{
    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/keymgmt/update",
        Access.Scoped(Role.User | Role.External, "keymgmt:upd"),
        EndpointFlags.HttpsOnly | EndpointFlags.RequiresInitialised | EndpointFlags.JsonBody, Handle)
    {
        OutcomeEvent = AuditEvent.KeyAttributesChanged,
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
            || !KeyMgmtSupport.TryReadDescr(body, out var descr))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        var keys = context.Device.Keys;
        if (PairedApps.IsReservedDescr(descr) || !keys.TryFind(kid, out var record))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        keys.Update(record, label, body.Has("descr") ? descr : null, context.Now);
        return Reply.Of(ApiStatus.Ok);
    }
}
