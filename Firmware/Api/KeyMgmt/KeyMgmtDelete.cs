using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>
/// K6 <c>DELETE /api/keymgmt/delete/{kid}</c> (spec §12.6). Scope prefix <c>keymgmt:del</c>; roles U and
/// external app (M → 403); no body. 409 uninitialised or faulted, and QUIRK (§3.4): plain HTTP is folded
/// into the state check → 409, or 418 with <see cref="Device.HemDeviceOptions.StrictTls"/> (the pipeline,
/// through <see cref="EndpointFlags.PlainHttpIsWrongState"/>).
/// 400: path kid not exactly 32 hex characters. 406: no valid record with that kid.
/// 200 empty: the record is marked deleted and its sealed material zeroed except the first byte; the slot
/// stays taken until a new key reuses it, and <c>total</c> drops by one on the next list.
/// Audit KEY_DELETE: OK / ERROR (400) / FAILED (406), data = kid (empty when the kid does not parse).
/// </summary>
internal static class KeyMgmtDelete
{
    public static readonly EndpointDescriptor Descriptor = new(
        "DELETE", "/api/keymgmt/delete/{kid}",
        Access.Scoped(Role.User | Role.External, "keymgmt:del"),
        EndpointFlags.HttpsOnly | EndpointFlags.PlainHttpIsWrongState | EndpointFlags.RequiresInitialised, Handle)
    {
        OutcomeEvent = AuditEvent.KeyDelete,
    };

    private static Reply Handle(RequestContext context)
    {
        if (!Kid.TryParse(context.PathParameters[0], out var kid))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        context.AuditData = kid.ToBytes();
        var keys = context.Device.Keys;
        if (!keys.TryFind(kid, out var record))
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        keys.Delete(record, context.Now);
        return Reply.Of(ApiStatus.Ok);
    }
}
