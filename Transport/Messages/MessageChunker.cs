using HemSim.Transport.Framing;

namespace HemSim.Transport.Messages;

/// <summary>
/// Splits an encoded message into frames (PROTOCOL.md §6.1): the first frame has the message's kind as its
/// type, the rest are <see cref="FrameType.Chunk"/> frames whose reference is the first frame's sequence
/// number; every frame but the last carries <see cref="FrameFlags.More"/>. Sequence numbers are consecutive.
/// </summary>
internal static class MessageChunker
{
    public static int CountFrames(int messageLength, int maxFramePayload)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(messageLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFramePayload, 1);
        return messageLength == 0 ? 1 : (int)(((long)messageLength + maxFramePayload - 1) / maxFramePayload);
    }

    /// <summary>The frames of one message; payloads are slices of <paramref name="content"/>, not copies.</summary>
    public static IEnumerable<Frame> Split(MessageKind kind, uint firstSequence, uint reference,
        ReadOnlyMemory<byte> content, int maxFramePayload)
    {
        int count = CountFrames(content.Length, maxFramePayload);
        uint sequence = firstSequence;
        for (int index = 0; index < count; index++)
        {
            int offset = index * maxFramePayload;
            ReadOnlyMemory<byte> payload = content.Slice(offset, Math.Min(maxFramePayload, content.Length - offset));
            FrameFlags flags = index + 1 < count ? FrameFlags.More : FrameFlags.None;
            yield return index == 0
                ? new Frame((FrameType)kind, flags, sequence, reference, payload)
                : new Frame(FrameType.Chunk, flags, sequence, firstSequence, payload);
            sequence = SequenceNumber.Next(sequence);
        }
    }
}
