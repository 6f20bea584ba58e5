using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>K1–K3 <c>GET /api/keymgmt/list[/{offset}[/{count}]]</c> (spec §12.2–§12.3).</summary>
internal static class KeyMgmtList
{
    private const EndpointFlags Flags = EndpointFlags.HttpsOnly | EndpointFlags.RequiresInitialised;
    private static readonly Access s_access = Access.Scoped(Role.User | Role.External, "keymgmt:list");

    public static readonly EndpointDescriptor Descriptor = new("GET", "/api/keymgmt/list", s_access, Flags, Handle);
    public static readonly EndpointDescriptor WithOffset = new("GET", "/api/keymgmt/list/{offset}", s_access, Flags, Handle);
    public static readonly EndpointDescriptor WithOffsetAndCount = new("GET", "/api/keymgmt/list/{offset}/{count}", s_access, Flags, Handle);

    // TODO(#4): being implemented.
    private static Reply Handle(RequestContext context) => Reply.Of(ApiStatus.NotFound);
}
