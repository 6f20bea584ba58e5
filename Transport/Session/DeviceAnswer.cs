using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>How the device answered a question, kept so that a repeated question gets the same answer again.</summary>
internal abstract record DeviceAnswer
{
    private protected DeviceAnswer()
    {
    }

    /// <summary>Bytes the answer holds in memory, for bounding the cache.</summary>
    public abstract long Size { get; }
}

/// <summary>A Response or ControlResult message; its frames are sent again byte for byte.</summary>
internal sealed record MessageAnswer(OutgoingMessage Message) : DeviceAnswer
{
    public override long Size => Message.Content.Length;
}

/// <summary>A Reject: the question was refused (malformed, too large, unsupported) or its handler failed.</summary>
internal sealed record RejectAnswer(Rejection Rejection) : DeviceAnswer
{
    public override long Size => Rejection.Detail.Length + 2;
}
