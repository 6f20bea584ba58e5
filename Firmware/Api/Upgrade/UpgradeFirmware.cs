using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Upgrade;

/// <summary>STUB (issue #7, being written): every path answers 404 until its handler lands.</summary>
internal static class UpgradeFirmware
{
    public static readonly EndpointDescriptor UploadFw = new(
        "POST", "/api/system/upgrade/upload_fw", Access.Public, EndpointFlags.None, NotYet);

    public static readonly EndpointDescriptor CheckFw = new(
        "GET", "/api/system/upgrade/check_fw", Access.Public, EndpointFlags.None, NotYet);

    public static readonly EndpointDescriptor InstallFw = new(
        "GET", "/api/system/upgrade/install_fw", Access.Public, EndpointFlags.None, NotYet);

    private static Reply NotYet(RequestContext context) => Reply.Of(ApiStatus.NotFound);
}
