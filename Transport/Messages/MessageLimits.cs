namespace HemSim.Transport.Messages;

/// <summary>Sizes a message may have (PROTOCOL.md §6).</summary>
internal static class MessageLimits
{
    /// <summary>Largest request or response body the bridge carries.</summary>
    public const int MaxBodyLength = 16 * 1024 * 1024;

    /// <summary>Default receive limit for a whole encoded message: the largest body plus room for its fields.</summary>
    public const int DefaultMaxMessageLength = MaxBodyLength + 64 * 1024;

    /// <summary>Smallest message limit a peer may advertise; every single frame fits in it.</summary>
    public const int MinMaxMessageLength = 64 * 1024;
}
