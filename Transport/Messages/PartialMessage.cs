namespace HemSim.Transport.Messages;

/// <summary>
/// The frames of one message received so far, by index (PROTOCOL.md §6.1): index 0 is the first frame (its
/// type is the message kind), index i the Chunk whose sequence is the message id + i. Frames may arrive in
/// any order and more than once; the message is whole when the last frame (no More flag) and every index
/// before it are present.
/// </summary>
internal sealed class PartialMessage(uint id, long order)
{
    private readonly Dictionary<uint, ReadOnlyMemory<byte>> _frames = [];
    private uint? _lastIndex;       // index of the frame without More, once seen
    private uint _highestIndex;     // highest index stored

    public uint Id { get; } = id;

    /// <summary>When the message was first heard of, for evicting the oldest first.</summary>
    public long Order { get; } = order;

    /// <summary>Known once frame 0 arrived.</summary>
    public MessageKind? Kind { get; private set; }

    /// <summary>Reference of frame 0 (for an answer: the request id); 0 until frame 0 arrived.</summary>
    public uint Reference { get; private set; }

    public long Bytes { get; private set; }

    public bool IsComplete => _lastIndex is { } last && _frames.Count == (long)last + 1;

    /// <summary>Stores one frame; <paramref name="maxLength"/> bounds the whole message.</summary>
    public FrameAcceptance Add(uint index, bool isFirst, MessageKind kind, uint reference, bool hasMore,
        ReadOnlyMemory<byte> payload, int maxLength)
    {
        // Every frame but the last carries at least one byte, so no sender can number a frame past the limit:
        // such an index is a stray (noise, a chunk with a wrong reference), not a message too large.
        if (index > (uint)maxLength || !IsConsistent(index, hasMore, payload.Length))
        {
            return FrameAcceptance.Inconsistent;
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
        if (!hasMore)
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
        for (uint index = 0; index <= _lastIndex!.Value; index++)
        {
            ReadOnlyMemory<byte> payload = _frames[index];
            payload.Span.CopyTo(content.AsSpan(offset));
            offset += payload.Length;
        }
        return content;
    }

    /// <summary>Up to <paramref name="maxRanges"/> ranges of indices still missing, lowest first.</summary>
    public List<MissingRange> GetMissing(int maxRanges)
    {
        var ranges = new List<MissingRange>();
        uint end = _lastIndex ?? _highestIndex;     // inclusive end of the known part
        uint? start = null;
        for (uint index = 0; index <= end && ranges.Count < maxRanges; index++)
        {
            bool missing = !_frames.ContainsKey(index);
            if (missing && start is null)
            {
                start = index;
            }
            else if (!missing && start is { } first)
            {
                ranges.Add(new MissingRange(first, index - first));
                start = null;
            }
        }
        if (ranges.Count < maxRanges)
        {
            if (_lastIndex is null)
            {
                // The last frame has not arrived: everything after the highest index may be missing too.
                ranges.Add(new MissingRange(start ?? _highestIndex + 1, 0));
            }
            else if (start is { } first)
            {
                ranges.Add(new MissingRange(first, end - first + 1));
            }
        }
        return ranges;
    }

    private bool IsConsistent(uint index, bool hasMore, int payloadLength)
    {
        if (hasMore)
        {
            return payloadLength > 0 && (_lastIndex is null || index < _lastIndex);
        }
        return (payloadLength > 0 || index == 0)
            && (_lastIndex is null || _lastIndex == index)
            && (_frames.Count == 0 || _highestIndex <= index);
    }
}
