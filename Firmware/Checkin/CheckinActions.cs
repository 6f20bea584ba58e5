using HemSim.Firmware.Audit;
using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;
using HemSim.Firmware.SelfTest;
using HemSim.Firmware.Status;
using HemSim.Firmware.Upgrade;

namespace HemSim.Firmware.Checkin;

/// <summary>
/// What the device does for each backend action (spec §8.3 table), once the RTC is set and only when config
/// <c>trusted_backend</c> is on.
/// </summary>
internal static class CheckinActions
{
    /// <summary>Carries out <paramref name="action"/>; returns the after-reply flags it needs (W, U: reboot).</summary>
    public static ResponseFlags CarryOut(DeviceCore device, string action, long now)
    {
        switch (action)
        {
            case CheckinStatus.Lock:
                EraseUserKey(device, now);
                Stop(device, FaultBits.Locked);
                return ResponseFlags.None;
            case CheckinStatus.Brick:
                // "Stop the web servers": here the latched 0x80 makes every endpoint but status, version, selftest,
                // reboot, shutdown and check-in answer 409 (spec §20.2) until a reboot; the listeners stay up.
                Stop(device, FaultBits.Bricked);
                return ResponseFlags.None;
            case CheckinStatus.Wipe:
                // Full wipe (spec §4): erased now, the reboot into the fresh state follows the reply.
                device.Erase();
                return ResponseFlags.RebootAfterReply;
            case CheckinStatus.Upgrade:
                // Forced upgrade: the staged, verified firmware is installed exactly as install_fw does (UPGRADE/OK,
                // reboot after the reply); with none, or a verification task still running, UPGRADE/ERROR and nothing
                // else (spec §8.3 does not say what the device does then; it cannot fetch an image itself).
                return FirmwareInstall.Run(device, device.Clock.Monotonic, "") == ApiStatus.Ok
                    ? ResponseFlags.RebootAfterReply
                    : ResponseFlags.None;
            default:
                // OK, R (report: the reply itself is the report) and ??? change nothing.
                return ResponseFlags.None;
        }
    }

    /// <summary>
    /// L: the stored user key is emptied, so no passphrase matches it any more (login as U answers 401); the
    /// master key stays, which is how an administrator recovers. A persisted change, so <c>uts</c> moves on
    /// (spec §11.5: strictly increasing).
    /// </summary>
    private static void EraseUserKey(DeviceCore device, long now)
    {
        if (device.Config is not { } config)
        {
            return;
        }
        config.UserKey = [];
        config.Uts = now > config.Uts ? now : config.Uts + 1;
        device.SaveConfig(config);
    }

    /// <summary>
    /// Latches an action bit and logs <c>SHUTDOWN / OK</c> (spec §8.3). Not a self-test failure, so no
    /// <c>NON_SECURE_STATE</c> line (that one belongs to failed tests, spec §20.2).
    /// </summary>
    private static void Stop(DeviceCore device, int faultBit)
    {
        device.Boot.FaultState |= faultBit;
        device.Audit(AuditEvent.Shutdown, AuditResult.Ok, "", []);
    }
}
