using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;
using HemSim.Firmware.Upgrade;

namespace HemSim.Firmware.Api.Upgrade;

/// <summary>
/// What the upgrade endpoints share (spec §11.9–§11.15, §16 G10/G11): their access rules, the 413 of a raw upload
/// without a file name, and the <c>UPGRADE</c> audit line of install_fw/install_ui/usbmode.
/// </summary>
/// <remarks>
/// None of them works while a fault is latched: the default rule (409) applies, as spec §20.2 leaves them off its
/// "still available" list. None needs TLS.
/// </remarks>
internal static class UpgradeSupport
{
    /// <summary>Uploads (S9, S12): "fresh: none", else scope prefix <c>system:upgrade</c>, any role.</summary>
    public static Access UploadAccess { get; } = Access.ScopedUnlessFresh(Role.Any, "system:upgrade");

    /// <summary>Checks, installs and usbmode (S10, S11, S13–S15, G11): <c>system:upgrade</c> or <c>system:config</c>.</summary>
    public static Access ControlAccess { get; } = Access.ScopedUnlessFresh(Role.Any, "system:upgrade", "system:config");

    /// <summary>413 and close (spec §3.2): the file name is missing or unparsable.</summary>
    public static Reply? RequireFileName(RequestContext context, out string fileName) =>
        UploadFileName.TryParse(context.Request.ContentDisposition, out fileName)
            ? null
            : Reply.Of(ApiStatus.PayloadTooLarge) with { Flags = ResponseFlags.CloseConnection };

    /// <summary>Logs <c>UPGRADE</c> OK for 200 and ERROR otherwise (spec §19.5: 406 and 409), and answers the status.</summary>
    public static Reply Audited(RequestContext context, ApiStatus status)
    {
        context.Audit(AuditEvent.Upgrade, status == ApiStatus.Ok ? AuditResult.Ok : AuditResult.Error, []);
        return Reply.Of(status);
    }

    /// <summary>
    /// check_fw / check_ui (spec §11.10, §11.13): the first call after an upload starts the verification task (201);
    /// while it runs, 202; once done, 200 (verified) or 406 (failed), the same on every later call until a new upload.
    /// A task of the other kind running → 409 ("unexpected task state"; one task at a time), checked before anything
    /// else, as spec §3.3 puts state first. Nothing to check: 404 for firmware; 406 for a dashboard, which the device
    /// looks for under the name <c>webroot.tar</c> only ([J] uploads <c>ui.bin</c>: "not found at check time").
    /// </summary>
    public static ApiStatus Check(RequestContext context, ImageKind kind)
    {
        var device = context.Device;
        var staging = device.Boot.Upgrade;
        var now = context.Monotonic;
        var other = kind == ImageKind.Firmware ? ImageKind.Dashboard : ImageKind.Firmware;
        if (staging.Get(other)?.IsRunning(now) == true)
        {
            return ApiStatus.WrongState;
        }
        var upload = staging.Get(kind);
        if (upload is null || (kind == ImageKind.Dashboard && upload.FileName != DashboardFileName))
        {
            return kind == ImageKind.Firmware ? ApiStatus.NotFound : ApiStatus.OperationFailed;
        }
        if (!upload.CheckStarted)
        {
            upload.StartCheck(now, ImageVerification.Verify(upload.Bytes, kind, device.VendorKey));
            return ApiStatus.TaskCreated;
        }
        if (upload.IsRunning(now))
        {
            return ApiStatus.TaskRunning;
        }
        return upload.Result is null ? ApiStatus.OperationFailed : ApiStatus.Ok;
    }

    /// <summary>The only dashboard archive name check_ui finds (spec §11.12; compared exactly, as the firmware's file lookup).</summary>
    public const string DashboardFileName = "webroot.tar";
}
