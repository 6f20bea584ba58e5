using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Upgrade;

/// <summary>STUB (issue #7, being written): every path answers 404 until its handler lands.</summary>
internal static class UpgradeDashboard
{
    public static readonly EndpointDescriptor UploadUi = new(
        "POST", "/api/system/upgrade/upload_ui", Access.Public, EndpointFlags.None, NotYet);

    public static readonly EndpointDescriptor CheckUi = new(
        "GET", "/api/system/upgrade/check_ui", Access.Public, EndpointFlags.None, NotYet);

    public static readonly EndpointDescriptor InstallUi = new(
        "GET", "/api/system/upgrade/install_ui", Access.Public, EndpointFlags.None, NotYet);

    private static Reply NotYet(RequestContext context) => Reply.Of(ApiStatus.NotFound);
}
