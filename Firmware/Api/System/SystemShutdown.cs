using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.System;

/// <summary>
/// S17 <c>GET /api/system/shutdown</c> (spec §11.17). Always needs a token, even on a fresh device; scope prefix
/// <c>system:config</c> or <c>system:shutdown</c>, any role. Works over HTTP and while a fault is latched ([T]
/// test_8). Replies 200 with an empty body, closes, and the device stops: <see cref="HemDevice"/> serves nothing
/// until a power-on (automatically after <see cref="HemDeviceOptions.PowerOnDelay"/>, or over the control channel),
/// which is a boot like any other.
/// </summary>
/// <remarks>
/// Statuses: 200; 401 no or invalid token; 403 another scope (FAILED_SCOPE_CHECK); 412 origin refused. The 409 for a
/// running software install does not arise: the simulator installs nothing in the background. Audit:
/// <c>SHUTDOWN (3) / OK</c> with the caller's role, the last line of the boot's file.
/// </remarks>
internal static class SystemShutdown
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/system/shutdown",
        Access.Scoped(Role.Any, "system:config", "system:shutdown"),
        EndpointFlags.AllowedWhileFaulted, Handle);

    private static Reply Handle(RequestContext context)
    {
        context.Audit(AuditEvent.Shutdown, AuditResult.Ok, []);
        return Reply.Of(ApiStatus.Ok) with { Flags = ResponseFlags.CloseConnection | ResponseFlags.ShutdownAfterReply };
    }
}
