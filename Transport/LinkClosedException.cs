namespace HemSim.Transport;

/// <summary>
/// The link to the device is down or was closed: every pending request fails with this, and so does every
/// later one. The bridge answers 503. An I/O failure of the link is the inner exception.
/// </summary>
public sealed class LinkClosedException : Exception
{
    public LinkClosedException()
        : base("The link to the device is closed.")
    {
    }

    public LinkClosedException(string message)
        : base(message)
    {
    }

    public LinkClosedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
