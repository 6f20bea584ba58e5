using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>K4 <c>POST /api/keymgmt/search</c> (spec §12.4). Access is decided in the handler: the anonymous prefix search needs the needle.</summary>
internal static class KeyMgmtSearch
{
    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/keymgmt/search", Access.Public,
        EndpointFlags.HttpsOnly | EndpointFlags.RequiresInitialised | EndpointFlags.JsonBody, Handle);

    // TODO(#4): being implemented.
    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.NotFound);
}
