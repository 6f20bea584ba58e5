using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>K10 <c>POST /api/keymgmt/derive</c> (spec §12.10).</summary>
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

    // TODO(#4): being implemented.
    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.NotFound);
}
