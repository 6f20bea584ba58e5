namespace HemSim.Transport.Messages;

/// <summary>What <see cref="MessageReassembler.Accept"/> did with a frame.</summary>
internal enum FrameAcceptance
{
    /// <summary>Kept; the message is still missing frames.</summary>
    Stored,

    /// <summary>Already had it (a retransmission, or a frame of a message completed recently); dropped.</summary>
    Duplicate,

    /// <summary>The frame completed its message.</summary>
    Completed,

    /// <summary>The message would exceed the maximum message size; it was given up.</summary>
    TooLarge,

    /// <summary>The frame contradicts what is known of its message (e.g. two different last frames); dropped.</summary>
    Inconsistent,

    /// <summary>A different frame with an index already held: one of them is a stray, so the message was given up.</summary>
    Conflict,
}
