using HemSim.Firmware.Device;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Upgrade;

/// <summary>
/// S15 <c>GET /api/system/upgrade/usbmode</c> (spec §11.15, every build). The real device reboots into the
/// bootloader's USB CDC-ACM mode for a serial firmware upload; the simulator has no bootloader to talk to, so it goes
/// off for <see cref="HemDeviceOptions.UsbModeTime"/> (the bridge answers 503 meanwhile) and then boots normally — a
/// new boot, so staged uploads are gone (<see cref="HemDevice"/> arms the power-on).
/// </summary>
/// <remarks>
/// 200 + close; 409 while a verification task runs; audit <c>UPGRADE</c> OK (200) / ERROR (409). The spec's 406
/// "reboot branch not taken" does not arise: the simulator always takes it.
/// </remarks>
internal static class UpgradeUsbMode
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/system/upgrade/usbmode", UpgradeSupport.ControlAccess, EndpointFlags.None, Handle);

    private static Reply Handle(RequestContext context)
    {
        var device = context.Device;
        if (device.Boot.Upgrade.TaskRunning(context.Monotonic))
        {
            return UpgradeSupport.Audited(context, ApiStatus.WrongState);
        }
        device.Boot.UsbModeRequested = true;
        return UpgradeSupport.Audited(context, ApiStatus.Ok)
            with { Flags = ResponseFlags.CloseConnection | ResponseFlags.ShutdownAfterReply };
    }
}
