using HemSim.Firmware.Audit;
using HemSim.Firmware.Device;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Upgrade;

/// <summary>
/// Installing the verified firmware image (spec §11.11), shared by <c>install_fw</c> and the check-in action <c>U</c>
/// (spec §8.3), which "installs exactly as install_fw does".
/// </summary>
internal static class FirmwareInstall
{
    /// <summary>
    /// Installs the staged, verified firmware and logs <c>UPGRADE</c> with <paramref name="auditSubject"/>: OK when
    /// installed (the caller then asks for the reboot that runs it), ERROR when a verification task is running (409,
    /// checked first: spec §3.3 puts state before semantics) or nothing verified is staged (406).
    /// </summary>
    public static ApiStatus Run(DeviceCore device, TimeSpan now, string auditSubject)
    {
        var staging = device.Boot.Upgrade;
        var status = staging.TaskRunning(now) ? ApiStatus.WrongState
            : staging.Verified(ImageKind.Firmware, now) is { } image ? Install(device, image)
            : ApiStatus.OperationFailed;
        device.Audit(AuditEvent.Upgrade, status == ApiStatus.Ok ? AuditResult.Ok : AuditResult.Error, auditSubject, []);
        return status;
    }

    /// <summary>Committed to flash before the reply leaves (ARCHITECTURE.md): a power cut after 200 keeps the install.</summary>
    private static ApiStatus Install(DeviceCore device, SignedImage image)
    {
        InstalledFirmware.Install(device.Flash, image);
        return ApiStatus.Ok;
    }
}
