using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;
using HemSim.Firmware.Upgrade;

namespace HemSim.Firmware.Api.Upgrade;

/// <summary>
/// S9–S11 (spec §11.9–§11.11, MSC builds only): <c>upload_fw</c> stages a firmware image in RAM, <c>check_fw</c>
/// verifies it in a background task (<see cref="UpgradeSupport.Check"/>), <c>install_fw</c> installs it and reboots
/// into it (<see cref="FirmwareInstall"/>): after that boot <c>fwv</c>/<c>fws</c> are the image's and
/// <c>status.fw_upgrade</c> is true once.
/// </summary>
internal static class UpgradeFirmware
{
    public static readonly EndpointDescriptor UploadFw = new(
        "POST", "/api/system/upgrade/upload_fw", UpgradeSupport.UploadAccess, EndpointFlags.MscOnly, Upload);

    public static readonly EndpointDescriptor CheckFw = new(
        "GET", "/api/system/upgrade/check_fw", UpgradeSupport.ControlAccess, EndpointFlags.MscOnly,
        context => Reply.Of(UpgradeSupport.Check(context, ImageKind.Firmware)));

    public static readonly EndpointDescriptor InstallFw = new(
        "GET", "/api/system/upgrade/install_fw", UpgradeSupport.ControlAccess, EndpointFlags.MscOnly, Install);

    /// <summary>The names a later check finds (spec §11.9); compared exactly.</summary>
    private static readonly string[] s_fileNames = ["firmware.bin", "firmware.hex"];

    /// <summary>
    /// 200 staged (replacing an earlier firmware upload and its check); 413 + close without a file name; 406 empty
    /// body ("ended early"). QUIRK (spec §11.9, §22 #45): another file name, or an image over 3 MiB, closes the
    /// connection without any HTTP response. Bodies over 16 MiB never arrive: the bridge answers 413 (spec §3.2).
    /// </summary>
    private static Reply Upload(RequestContext context)
    {
        if (UpgradeSupport.RequireFileName(context, out var fileName) is { } refused)
        {
            return refused;
        }
        var body = context.Request.Body;
        if (!s_fileNames.Contains(fileName, StringComparer.Ordinal) || body.Length > ImageVerification.MaxFirmwareSize)
        {
            return Reply.Of(ApiStatus.OperationFailed) with { Flags = ResponseFlags.DropConnection };
        }
        if (body.Length == 0)
        {
            return Reply.Of(ApiStatus.OperationFailed);
        }
        context.Device.Boot.Upgrade.Stage(ImageKind.Firmware, fileName, body);
        return Reply.Of(ApiStatus.Ok);
    }

    /// <summary>
    /// 200 + close, then the reboot that runs the new image; 406 nothing verified; 409 a verification task is running.
    /// Audit <c>UPGRADE</c> OK (200) / ERROR (406, 409) with the caller's role.
    /// </summary>
    private static Reply Install(RequestContext context)
    {
        var status = FirmwareInstall.Run(context.Device, context.Monotonic, context.AuditSubject);
        return status == ApiStatus.Ok
            ? Reply.Of(status) with { Flags = ResponseFlags.CloseConnection | ResponseFlags.RebootAfterReply }
            : Reply.Of(status);
    }
}
