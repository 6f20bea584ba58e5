namespace HemSim.Transport;

/// <summary>
/// The peer broke the message protocol for one exchange: it rejected the request (malformed, too large,
/// handler fault) or answered with a response that does not decode. The link itself stays up.
/// </summary>
public sealed class TransportProtocolException : Exception
{
    public TransportProtocolException()
        : base("The peer broke the transport protocol.")
    {
    }

    public TransportProtocolException(string message)
        : base(message)
    {
    }

    public TransportProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
