namespace HemSim.Transport.Framing;

/// <summary>Header byte 2. Senders write unassigned bits as zero; receivers ignore them.</summary>
[Flags]
internal enum FrameFlags : byte
{
    None = 0,

    /// <summary>More frames of this message follow (as <see cref="FrameType.Chunk"/> frames).</summary>
    More = 0x01,

    /// <summary>Reserved for version 2: this frame repeats one sent earlier with the same sequence number.</summary>
    Retransmission = 0x02,

    /// <summary>Reserved for version 2: the sender wants an <see cref="FrameType.Ack"/> for this frame.</summary>
    AckRequested = 0x04,
}
