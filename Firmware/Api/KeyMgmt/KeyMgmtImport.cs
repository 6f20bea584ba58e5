using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>K9 <c>POST /api/keymgmt/import</c> (spec §12.9).</summary>
internal static class KeyMgmtImport
{
    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/keymgmt/import",
        Access.Scoped(Role.User | Role.External, "keymgmt:imp"),
        EndpointFlags.HttpsOnly | EndpointFlags.RequiresInitialised | EndpointFlags.JsonBody, Handle)
    {
        OutcomeEvent = AuditEvent.KeyImport,
    };

    // TODO(#4): being implemented.
    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.NotFound);
}
