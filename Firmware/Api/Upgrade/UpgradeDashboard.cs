using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;
using HemSim.Firmware.Upgrade;

namespace HemSim.Firmware.Api.Upgrade;

/// <summary>
/// S12–S14 (spec §11.12–§11.14, MSC builds only): <c>upload_ui</c> stages a dashboard image in RAM, <c>check_ui</c>
/// verifies its signature and archive (<see cref="UpgradeSupport.Check"/>), <c>install_ui</c> makes it the installed
/// dashboard (<see cref="InstalledDashboard"/>) at once, without a reboot; <c>uis</c> then reports its hash.
/// </summary>
internal static class UpgradeDashboard
{
    public static readonly EndpointDescriptor UploadUi = new(
        "POST", "/api/system/upgrade/upload_ui", UpgradeSupport.UploadAccess, EndpointFlags.MscOnly, Upload);

    public static readonly EndpointDescriptor CheckUi = new(
        "GET", "/api/system/upgrade/check_ui", UpgradeSupport.ControlAccess, EndpointFlags.MscOnly,
        context => Reply.Of(UpgradeSupport.Check(context, ImageKind.Dashboard)));

    public static readonly EndpointDescriptor InstallUi = new(
        "GET", "/api/system/upgrade/install_ui", UpgradeSupport.ControlAccess, EndpointFlags.MscOnly, Install);

    /// <summary>
    /// 200 staged under its file name, whatever the name (validation happens in check_ui, spec §11.12), replacing an
    /// earlier dashboard upload and its check; 413 + close without a file name; 406 empty body.
    /// </summary>
    private static Reply Upload(RequestContext context)
    {
        if (UpgradeSupport.RequireFileName(context, out var fileName) is { } refused)
        {
            return refused;
        }
        if (context.Request.Body.Length == 0)
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        context.Device.Boot.Upgrade.Stage(ImageKind.Dashboard, fileName, context.Request.Body);
        return Reply.Of(ApiStatus.Ok);
    }

    /// <summary>
    /// 200 installed (committed before the reply); 406 nothing verified; 409 a verification task is running (state
    /// first, spec §3.3). Audit <c>UPGRADE</c> OK (200) / ERROR (406, 409).
    /// </summary>
    private static Reply Install(RequestContext context)
    {
        var device = context.Device;
        var staging = device.Boot.Upgrade;
        if (staging.TaskRunning(context.Monotonic))
        {
            return UpgradeSupport.Audited(context, ApiStatus.WrongState);
        }
        if (staging.Verified(ImageKind.Dashboard, context.Monotonic) is not { } image)
        {
            return UpgradeSupport.Audited(context, ApiStatus.OperationFailed);
        }
        InstalledDashboard.Write(device.Flash, image.Payload);
        return UpgradeSupport.Audited(context, ApiStatus.Ok);
    }
}
