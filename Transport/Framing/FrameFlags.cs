namespace HemSim.Transport.Framing;

/// <summary>Header byte 2. Senders write unassigned bits as zero; receivers ignore them.</summary>
[Flags]
internal enum FrameFlags : byte
{
    None = 0,

    /// <summary>More frames of this message follow (as <see cref="FrameType.Chunk"/> frames).</summary>
    More = 0x01,

    /// <summary>This frame repeats one sent earlier with the same sequence number (PROTOCOL.md §8.3).</summary>
    Retransmission = 0x02,

    /// <summary>
    /// The receiver must say how far the message of this frame has got: an <see cref="FrameType.Ack"/>, or
    /// for a request already answered the answer again (PROTOCOL.md §8.2).
    /// </summary>
    AckRequested = 0x04,
}
