namespace HemSim.Firmware.Device;

/// <summary>
/// A simulated Encedo HEM. Requests are processed strictly one at a time on the device's own
/// thread, like the real firmware's main loop (ARCHITECTURE.md).
/// </summary>
public sealed partial class HemDevice
{
}
