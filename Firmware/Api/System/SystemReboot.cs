using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.System;

/// <summary>
/// S18 <c>GET /api/system/reboot</c> (spec §11.18). Uninitialised: no token. Otherwise scope prefix
/// <c>system:config</c>, <c>system:upgrade</c> or <c>system:shutdown</c>, any role. Works over HTTP and
/// while a fault is latched. Replies 200, closes, then the device restarts (spec §4): every token and
/// nonce of this boot becomes invalid, the fault mask clears, a new audit file starts. The spec's "409 a software
/// install is running" never happens here: the simulator's installs (install_fw, install_ui, install_bl) complete
/// within their own request.
/// </summary>
internal static class SystemReboot
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/system/reboot",
        Access.ScopedUnlessFresh(Role.Any, "system:config", "system:upgrade", "system:shutdown"),
        EndpointFlags.AllowedWhileFaulted, Handle);

    private static Reply Handle(RequestContext context)
    {
        context.Audit(AuditEvent.Reboot, AuditResult.Ok, []);
        return Reply.Of(ApiStatus.Ok) with { Flags = ResponseFlags.CloseConnection | ResponseFlags.RebootAfterReply };
    }
}
