using HemSim.Transport.Framing;

namespace HemSim.Transport.Messages;

/// <summary>
/// The frames of one message received so far, by index (PROTOCOL.md §6.1): index 0 is the first frame (its
/// type is the message kind), index i the Chunk whose sequence is the message id + i. Frames may arrive in
/// any order and more than once; the message is whole when the last frame (no More flag) and every index
/// before it are present.
/// </summary>
/// <remarks>
/// Every frame but the last carries exactly <c>P</c> bytes, the receiver's advertised frame payload limit,
/// so a message of at most <c>maxLength</c> bytes has at most <c>ceil(maxLength / P)</c> frames: a frame
/// with More and another length, or an index at or beyond that count, contradicts the message and is
/// dropped. That bounds the frames (and their per-frame overhead) a message can pin, however a peer cuts it.
/// When <c>P</c> is not given (0), the first frame with More fixes it for the message (at least
/// <see cref="FrameLayout.MinPayloadLimit"/>, the smallest limit a peer may advertise).
/// </remarks>
internal sealed class PartialMessage(uint id, long order)
{
    private readonly SortedDictionary<uint, ReadOnlyMemory<byte>> _frames = [];     // by index, in order
    private uint? _lastIndex;       // index of the frame without More, once seen
    private uint _highestIndex;     // highest index stored
    private int _chunkLength;       // payload length of the frames with More (the sender's P); 0 until known

    public uint Id { get; } = id;

    /// <summary>When the message was first heard of, for evicting the oldest first.</summary>
    public long Order { get; } = order;

    /// <summary>Known once frame 0 arrived.</summary>
    public MessageKind? Kind { get; private set; }

    /// <summary>Reference of frame 0 (for an answer: the request id); 0 until frame 0 arrived.</summary>
    public uint Reference { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>Frames held.</summary>
    public int FrameCount => _frames.Count;

    public bool IsComplete => _lastIndex is { } last && _frames.Count == (long)last + 1;

    /// <summary>
    /// Most frames a message of at most <paramref name="maxLength"/> bytes has when every frame but the last
    /// carries <paramref name="framePayload"/> bytes: <c>ceil(maxLength / P)</c>; valid indices are below it.
    /// </summary>
    public static uint MaxFrames(int maxLength, int framePayload) =>
        (uint)(((long)maxLength + framePayload - 1) / framePayload);

    /// <summary>
    /// Stores one frame; <paramref name="maxLength"/> bounds the whole message, <paramref name="framePayload"/>
    /// is the exact payload length of every frame with More (0: fixed by the first such frame).
    /// </summary>
    public FrameAcceptance Add(uint index, bool isFirst, MessageKind kind, uint reference, bool hasMore,
        ReadOnlyMemory<byte> payload, int maxLength, int framePayload = 0)
    {
        // A frame numbered past the most frames a message can have is a stray (noise, a chunk with a wrong
        // reference), not a message too large.
        if (!IsConsistent(index, hasMore, payload.Length, maxLength, framePayload, out bool pastLastFrame))
        {
            return FrameAcceptance.Inconsistent;
        }
        if (pastLastFrame)
        {
            // Cut at P, the frames before this one already fill the limit: the message is too large.
            return FrameAcceptance.TooLarge;
        }
        if (Bytes + payload.Length > maxLength)
        {
            return FrameAcceptance.TooLarge;
        }
        if (_frames.TryGetValue(index, out ReadOnlyMemory<byte> held))
        {
            // A repeat is byte for byte the same; two different frames with one index mean one is a stray,
            // and there is no telling which: the caller gives the message up and lets retransmission rebuild it.
            bool same = hasMore == (_lastIndex != index) && held.Span.SequenceEqual(payload.Span);
            return same ? FrameAcceptance.Duplicate : FrameAcceptance.Conflict;
        }
        _frames.Add(index, payload);
        Bytes += payload.Length;
        _highestIndex = Math.Max(_highestIndex, index);
        if (hasMore)
        {
            _chunkLength = payload.Length;
        }
        else
        {
            _lastIndex = index;
        }
        if (isFirst)
        {
            Kind = kind;
            Reference = reference;
        }
        return IsComplete ? FrameAcceptance.Completed : FrameAcceptance.Stored;
    }

    /// <summary>The message bytes in index order; only when <see cref="IsComplete"/>.</summary>
    public byte[] Assemble()
    {
        if (!IsComplete)
        {
            throw new InvalidOperationException("The message is not complete.");
        }
        var content = new byte[Bytes];
        int offset = 0;
        foreach (ReadOnlyMemory<byte> payload in _frames.Values)     // indices 0 … last, in order
        {
            payload.Span.CopyTo(content.AsSpan(offset));
            offset += payload.Length;
        }
        return content;
    }

    /// <summary>
    /// Up to <paramref name="maxRanges"/> ranges of indices still missing, lowest first: the gaps between
    /// the indices held, walked in order (work in proportion to the frames held, not to the highest index).
    /// </summary>
    public List<MissingRange> GetMissing(int maxRanges)
    {
        var ranges = new List<MissingRange>();
        uint expected = 0;      // lowest index not known to be held
        foreach (uint index in _frames.Keys)
        {
            if (ranges.Count >= maxRanges)
            {
                return ranges;
            }
            if (index > expected)
            {
                ranges.Add(new MissingRange(expected, index - expected));
            }
            expected = index + 1;
        }
        if (ranges.Count < maxRanges && _lastIndex is null)
        {
            // The last frame has not arrived: everything after the highest index may be missing too. (When it
            // has, it is the highest index held, so nothing after it is missing.)
            ranges.Add(new MissingRange(expected, 0));
        }
        return ranges;
    }

    /// <summary>
    /// Whether the frame fits what is known of the message; <paramref name="pastLastFrame"/> when it does but
    /// its index is at or past <see cref="MaxFrames"/>: then the message exceeds <paramref name="maxLength"/>.
    /// </summary>
    private bool IsConsistent(uint index, bool hasMore, int payloadLength, int maxLength, int framePayload,
        out bool pastLastFrame)
    {
        pastLastFrame = false;
        // P: as given, else as fixed by a frame with More held, else the frame's own length when it has More.
        int chunk = framePayload > 0 ? framePayload : _chunkLength;
        if (hasMore)
        {
            if (chunk == 0)
            {
                // The first frame with More fixes P: the smallest limit a peer may advertise, or more; a last
                // frame held already must fit it, at an index a message cut so can have.
                if (payloadLength < FrameLayout.MinPayloadLimit
                    || (_lastIndex is { } held && (held >= MaxFrames(maxLength, payloadLength) || _frames[held].Length > payloadLength)))
                {
                    return false;
                }
                chunk = payloadLength;
            }
            pastLastFrame = index >= MaxFrames(maxLength, chunk);
            return payloadLength == chunk
                && (_lastIndex is null || index < _lastIndex);
        }
        pastLastFrame = index >= MaxFrames(maxLength, chunk > 0 ? chunk : FrameLayout.MinPayloadLimit);
        return (chunk == 0 || payloadLength <= chunk)
            && (payloadLength > 0 || index == 0)
            && (_lastIndex is null || _lastIndex == index)
            && (_frames.Count == 0 || _highestIndex <= index);
    }
}
