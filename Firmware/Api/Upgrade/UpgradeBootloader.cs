using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Upgrade;

/// <summary>STUB (issue #7, being written): every path answers 404 until its handler lands.</summary>
internal static class UpgradeBootloader
{
    public static readonly EndpointDescriptor Upload = new(
        "POST", "/api/system/upgrade/upload_bootldr", Access.Public, EndpointFlags.None, NotYet);

    public static readonly EndpointDescriptor Install = new(
        "GET", "/api/system/upgrade/install_bl", Access.Public, EndpointFlags.None, NotYet);

    private static Reply NotYet(RequestContext context) => Reply.Of(ApiStatus.NotFound);
}
