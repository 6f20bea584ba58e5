namespace HemSim.HostBridge.Hosting;

/// <summary>
/// The bridge cannot start for a reason the user can fix (a damaged CA file, an unusable data
/// folder); the message says what to do and is shown without a stack trace.
/// </summary>
public sealed class BridgeStartupException : Exception
{
    public BridgeStartupException(string message)
        : base(message)
    {
    }

    public BridgeStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
