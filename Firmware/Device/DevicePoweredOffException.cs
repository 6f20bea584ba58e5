namespace HemSim.Firmware.Device;

/// <summary>
/// The device is shut down (spec §11.17) and answers nothing until it is powered on again: automatically after
/// <see cref="HemDeviceOptions.PowerOnDelay"/>, or by <see cref="HemDevice.PowerOnAsync"/>. A host that carries
/// requests to the device reports this as "device unavailable", as it does for an unplugged device.
/// </summary>
public sealed class DevicePoweredOffException : InvalidOperationException
{
    public DevicePoweredOffException()
        : base("The device is shut down; it answers again after a power-on.")
    {
    }

    public DevicePoweredOffException(string message)
        : base(message)
    {
    }

    public DevicePoweredOffException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
