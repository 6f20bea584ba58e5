namespace HemSim.Transport.Framing;

/// <summary>
/// One decoded frame. <see cref="Payload"/> is owned by the frame (never a view of a pipe buffer), so it
/// stays valid after the reader advances.
/// </summary>
/// <param name="Sequence">Sender's frame number: 1, 2, 3… per direction, wrapping to 1 (0 is never used).</param>
/// <param name="Reference">The sequence number this frame answers or continues; 0 when none.</param>
internal sealed record Frame(FrameType Type, FrameFlags Flags, uint Sequence, uint Reference, ReadOnlyMemory<byte> Payload)
{
    public bool HasMore => (Flags & FrameFlags.More) != 0;
}
