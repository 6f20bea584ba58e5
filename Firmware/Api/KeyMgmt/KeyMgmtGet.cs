using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>K5 <c>GET /api/keymgmt/get/{kid}</c> (spec §12.5).</summary>
internal static class KeyMgmtGet
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/keymgmt/get/{kid}",
        Access.Scoped(Role.User | Role.External, "keymgmt:get", "keymgmt:gen") with { KeyUseFromPath = true },
        EndpointFlags.HttpsOnly | EndpointFlags.RequiresInitialised, Handle);

    // TODO(#4): being implemented.
    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.NotFound);
}
