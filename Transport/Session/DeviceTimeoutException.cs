namespace HemSim.Transport.Session;

/// <summary>
/// The device showed no sign of progress on one request (or Hello, or ping) through every retransmission
/// (PROTOCOL.md §8.4). The request may or may not have been carried out; it was not carried out twice. The
/// session stays up: other requests may still succeed. A bridge answers it like a lost link (503).
/// </summary>
public sealed class DeviceTimeoutException : TimeoutException
{
    public DeviceTimeoutException()
        : base("The device did not answer in time.")
    {
    }

    public DeviceTimeoutException(string message)
        : base(message)
    {
    }

    public DeviceTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
