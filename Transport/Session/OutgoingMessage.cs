using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>
/// A message this end has sent, kept so that any of its frames can be sent again byte for byte: frame i
/// has sequence <see cref="Id"/> + i, the first <see cref="ChunkSize"/>·i bytes before it, and the same
/// flags as the first time plus <see cref="FrameFlags.Retransmission"/> (PROTOCOL.md §6.1, §8.3).
/// </summary>
internal sealed class OutgoingMessage(MessageKind kind, uint id, uint reference, ReadOnlyMemory<byte> content, int chunkSize)
{
    private readonly TaskCompletionSource<bool> _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MessageKind Kind { get; } = kind;

    /// <summary>The message id: sequence number of the first frame, what answers and Acks refer to.</summary>
    public uint Id { get; } = id;

    public uint Reference { get; } = reference;

    public ReadOnlyMemory<byte> Content { get; } = content;

    /// <summary>Payload bytes in every frame but the last: the receiver's frame limit when the message was queued.</summary>
    public int ChunkSize { get; } = chunkSize;

    public int FrameCount { get; } = MessageChunker.CountFrames(content.Length, chunkSize);

    public uint LastIndex => (uint)(FrameCount - 1);

    /// <summary>
    /// True once the first transmission's last frame is on the link; false if it never will be (the link
    /// closed, or the session that queued it ended).
    /// </summary>
    public Task<bool> Written => _written.Task;

    public bool IsWritten => _written.Task.IsCompletedSuccessfully && _written.Task.Result;

    public Frame GetFrame(uint index, FrameFlags extraFlags)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, LastIndex);
        int offset = checked((int)index * ChunkSize);
        ReadOnlyMemory<byte> payload = Content.Slice(offset, Math.Min(ChunkSize, Content.Length - offset));
        FrameFlags flags = extraFlags | (index < LastIndex ? FrameFlags.More : FrameFlags.None);
        return index == 0
            ? new Frame((FrameType)Kind, flags, Id, Reference, payload)
            : new Frame(FrameType.Chunk, flags, SequenceNumber.Advance(Id, index), Id, payload);
    }

    /// <summary>Indices named by an Ack's missing ranges, clamped to this message, in order and without repeats.</summary>
    public IEnumerable<uint> Select(IEnumerable<MissingRange> ranges)
    {
        uint next = 0;      // indices below this were already listed
        foreach (MissingRange range in ranges.OrderBy(r => r.FirstIndex))
        {
            ulong end = range.IsOpenEnded ? LastIndex : Math.Min((ulong)range.FirstIndex + range.Count - 1, LastIndex);
            for (ulong index = Math.Max(range.FirstIndex, next); index <= end; index++)
            {
                yield return (uint)index;
                next = (uint)index + 1;
            }
        }
    }

    internal void SetWritten(bool written) => _written.TrySetResult(written);
}
