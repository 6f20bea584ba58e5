namespace HemSim.Transport;

/// <summary>
/// The device refused a request because it is switched off (after <c>GET /api/system/shutdown</c>, until a power-on):
/// nothing was carried out. Unlike <see cref="LinkClosedException"/> the link and the session are fine; the bridge
/// answers 503, as for a device that is away.
/// </summary>
public sealed class DeviceSwitchedOffException : Exception
{
    public DeviceSwitchedOffException()
        : base("The device is switched off.")
    {
    }

    public DeviceSwitchedOffException(string message)
        : base(message)
    {
    }

    public DeviceSwitchedOffException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
