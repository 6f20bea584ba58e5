using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>Receive limits one end advertises in its Hello.</summary>
internal sealed record SessionOptions
{
    public static SessionOptions Default { get; } = new();

    /// <summary>Largest frame payload we accept; also the most we put in one frame.</summary>
    public int MaxFramePayload { get; init; } = FrameLayout.DefaultMaxPayload;

    /// <summary>Largest encoded message we accept.</summary>
    public int MaxMessageLength { get; init; } = MessageLimits.DefaultMaxMessageLength;
}
