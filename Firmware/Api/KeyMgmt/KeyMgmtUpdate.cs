using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>K8 <c>POST /api/keymgmt/update</c> (spec §12.8).</summary>
internal static class KeyMgmtUpdate
{
    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/keymgmt/update",
        Access.Scoped(Role.User | Role.External, "keymgmt:upd"),
        EndpointFlags.HttpsOnly | EndpointFlags.RequiresInitialised | EndpointFlags.JsonBody, Handle)
    {
        OutcomeEvent = AuditEvent.KeyAttributesChanged,
    };

    // TODO(#4): being implemented.
    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.NotFound);
}
