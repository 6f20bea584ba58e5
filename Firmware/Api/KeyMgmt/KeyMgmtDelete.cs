using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>K6 <c>DELETE /api/keymgmt/delete/{kid}</c> (spec §12.6); plain HTTP → 409 (QUIRK §3.4) unless StrictTls.</summary>
internal static class KeyMgmtDelete
{
    public static readonly EndpointDescriptor Descriptor = new(
        "DELETE", "/api/keymgmt/delete/{kid}",
        Access.Scoped(Role.User | Role.External, "keymgmt:del"),
        EndpointFlags.HttpsOnly | EndpointFlags.PlainHttpIsWrongState | EndpointFlags.RequiresInitialised, Handle)
    {
        OutcomeEvent = AuditEvent.KeyDelete,
    };

    // TODO(#4): being implemented.
    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.NotFound);
}
