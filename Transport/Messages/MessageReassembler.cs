using HemSim.Transport.Framing;

namespace HemSim.Transport.Messages;

/// <summary>
/// Collects the frames of messages (PROTOCOL.md §6.1, version 2): several messages may be incomplete at
/// once, frames may come in any order, twice, or be repaired later by retransmission. A message is keyed
/// by its id, the sequence number of its first frame; a Chunk names it in its reference. Memory is bounded:
/// each message by the maximum message size, the number of incomplete messages by a limit (the oldest is
/// forgotten; its sender will retransmit) and by the bytes they hold together, and the ids of recently completed messages are remembered so
/// that late duplicates of their chunks are recognised and dropped.
/// </summary>
internal sealed class MessageReassembler
{
    private readonly int _maxMessageLength;
    private readonly int _maxFramePayload;                  // P: the exact length of every frame with More; 0 = per message
    private readonly int _maxPartialMessages;
    private readonly Dictionary<uint, PartialMessage> _partial = [];
    private readonly HashSet<uint> _completed = [];         // ids of recently completed messages
    private readonly Queue<uint> _completedOrder = new();   // the same ids, oldest first, for forgetting
    private readonly int _rememberedCompletions;
    private readonly long _maxBufferedBytes;
    private long _bufferedBytes;    // bytes held in _partial
    private long _nextOrder;
    private readonly uint _maxFrames;                       // indices of every message are below this

    /// <param name="maxMessageLength">Largest message accepted: our limit as advertised in Hello.</param>
    /// <param name="maxPartialMessages">Incomplete messages held at once; the oldest is forgotten beyond.</param>
    /// <param name="rememberedCompletions">Ids of completed messages remembered to recognise late duplicates.</param>
    /// <param name="maxBufferedBytes">Bytes held in incomplete messages together; default twice the message limit.</param>
    /// <param name="maxFramePayload">
    /// Our frame payload limit as advertised in Hello, <c>P</c>: every frame of a message but the last carries
    /// exactly this many bytes (PROTOCOL.md §6.1), so a message has at most <c>ceil(maxMessageLength / P)</c>
    /// frames. 0: not known here; the first frame with More fixes it per message (at least 256 bytes).
    /// </param>
    public MessageReassembler(int maxMessageLength = MessageLimits.DefaultMaxMessageLength, int maxPartialMessages = 16,
        int rememberedCompletions = 256, long maxBufferedBytes = 0, int maxFramePayload = 0)
    {
        if (maxFramePayload != 0)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(maxFramePayload, FrameLayout.MinPayloadLimit);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFramePayload, FrameLayout.MaxPayloadLimit);
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageLength, MessageLimits.MinMaxMessageLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPartialMessages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rememberedCompletions, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBufferedBytes);
        _maxMessageLength = maxMessageLength;
        _maxFramePayload = maxFramePayload;
        _maxFrames = PartialMessage.MaxFrames(maxMessageLength, maxFramePayload != 0 ? maxFramePayload : FrameLayout.MinPayloadLimit);
        _maxPartialMessages = maxPartialMessages;
        _rememberedCompletions = rememberedCompletions;
        _maxBufferedBytes = maxBufferedBytes == 0 ? 2L * maxMessageLength : Math.Max(maxBufferedBytes, maxMessageLength);
    }

    public int MaxMessageLength => _maxMessageLength;

    public long CompletedMessages { get; private set; }

    /// <summary>Frames already held, and frames of messages completed earlier.</summary>
    public long DuplicateFrames { get; private set; }

    /// <summary>Incomplete messages forgotten to make room, or given up as too large.</summary>
    public long DroppedMessages { get; private set; }

    public long InconsistentFrames { get; private set; }

    public int PartialMessages => _partial.Count;

    /// <summary>Bytes held in incomplete messages.</summary>
    public long BufferedBytes => _bufferedBytes;

    /// <summary>The id of the message <paramref name="frame"/> belongs to (its own sequence, or a Chunk's reference).</summary>
    public static uint MessageIdOf(Frame frame) => frame.Type == FrameType.Chunk ? frame.Reference : frame.Sequence;

    /// <summary>
    /// Takes one message frame (a first frame or a <see cref="FrameType.Chunk"/>). <paramref name="completed"/>
    /// is set when this frame made its message whole.
    /// </summary>
    public FrameAcceptance Accept(Frame frame, out InboundMessage? completed)
    {
        ArgumentNullException.ThrowIfNull(frame);
        completed = null;
        bool isFirst = MessageKinds.StartsMessage(frame.Type);
        if (!isFirst && frame.Type != FrameType.Chunk)
        {
            throw new ArgumentException($"A {frame.Type} frame is not part of a message.", nameof(frame));
        }
        uint id = MessageIdOf(frame);
        uint index = isFirst ? 0 : SequenceNumber.Distance(id, frame.Sequence);
        if (id == SequenceNumber.None || (!isFirst && index == 0) || (index >= _maxFrames && !_partial.ContainsKey(id)))
        {
            // Past the most frames a message may have (ceil(max message size / P)), of no message being
            // collected: a stray (or a frame of a message too large), dropped before anything is kept for it.
            InconsistentFrames++;
            return FrameAcceptance.Inconsistent;
        }
        if (_completed.Contains(id))
        {
            if (!isFirst)
            {
                DuplicateFrames++;
                return FrameAcceptance.Duplicate;
            }
            // Whether a first frame repeats a message is the session's call (a host drops answers to questions
            // no longer pending; a device asks its ledger), made before it gets here. One that still comes is a
            // new message reusing the id, e.g. after a forged frame had taken it: the id is free again.
            _completed.Remove(id);
        }

        PartialMessage message = GetOrAdd(id);
        var kind = isFirst ? (MessageKind)frame.Type : default;
        if (isFirst && message.Kind is { } heldKind && (heldKind != kind || message.Reference != frame.Reference))
        {
            // A repeated first frame is byte for byte the same; one that says otherwise means what we hold
            // came from a stray frame (noise, or a forgery that took the id). The newcomer starts over.
            Drop(message);
            message = GetOrAdd(id);
        }
        FrameAcceptance result = Add(message, index, isFirst, kind, frame);
        if (result == FrameAcceptance.Inconsistent && isFirst && message.Kind is null)
        {
            // Chunks that came without their first frame contradict it: they were strays. The first frame is
            // the authority; start over from it.
            Drop(message);
            message = GetOrAdd(id);
            result = Add(message, index, isFirst, kind, frame);
        }
        switch (result)
        {
            case FrameAcceptance.Stored:
                EvictOthersBeyondByteLimit(message);
                return result;
            case FrameAcceptance.Completed:
                Drop(message);
                Remember(id);
                CompletedMessages++;
                completed = new InboundMessage(message.Kind!.Value, id, message.Reference, message.Assemble());
                return FrameAcceptance.Completed;
            case FrameAcceptance.TooLarge:
                Drop(message);
                Remember(id);       // its other frames are noise now; the answer is a Reject
                DroppedMessages++;
                return FrameAcceptance.TooLarge;
            case FrameAcceptance.Duplicate:
                DuplicateFrames++;
                return result;
            case FrameAcceptance.Conflict:
                InconsistentFrames++;
                DroppedMessages++;
                Drop(message);
                return result;
            case FrameAcceptance.Inconsistent:
                InconsistentFrames++;
                if (message.Bytes == 0 && message.Kind is null)
                {
                    Drop(message);  // created for this frame alone
                }
                return result;
            default:
                throw new System.Diagnostics.UnreachableException();
        }
    }

    /// <summary>True while <paramref name="id"/> is being collected.</summary>
    public bool IsPartial(uint id) => _partial.ContainsKey(id);

    /// <summary>The kind and reference of an incomplete message once its first frame arrived.</summary>
    public bool TryGetFirstFrame(uint id, out MessageKind kind, out uint reference)
    {
        if (_partial.TryGetValue(id, out PartialMessage? message) && message.Kind is { } known)
        {
            kind = known;
            reference = message.Reference;
            return true;
        }
        kind = default;
        reference = SequenceNumber.None;
        return false;
    }

    /// <summary>
    /// What an Ack for <paramref name="id"/> says: Complete for a message completed recently, otherwise the
    /// frames still missing (all of them, open-ended, for a message never heard of).
    /// </summary>
    public Acknowledgement Describe(uint id)
    {
        if (_completed.Contains(id))
        {
            return Acknowledgement.Complete;
        }
        return _partial.TryGetValue(id, out PartialMessage? message)
            ? Acknowledgement.Partial(message.GetMissing(Acknowledgement.MaxRanges))
            : Acknowledgement.Partial([new MissingRange(0, 0)]);
    }

    /// <summary>
    /// Forgets that <paramref name="id"/> was completed, e.g. a question the device could not take (its window
    /// was full): its frames are then collected anew when the sender sends them again, and an Ack for it no
    /// longer says Complete.
    /// </summary>
    public void Forget(uint id)
    {
        _completed.Remove(id);     // its id stays in _completedOrder until it ages out; Remember tolerates that
    }

    /// <summary>Forgets every message, complete or not (a new session).</summary>
    public void Reset()
    {
        _partial.Clear();
        _bufferedBytes = 0;
        _completed.Clear();
        _completedOrder.Clear();
    }

    private PartialMessage GetOrAdd(uint id)
    {
        if (_partial.TryGetValue(id, out PartialMessage? message))
        {
            return message;
        }
        while (_partial.Count >= _maxPartialMessages)
        {
            Drop(_partial.Values.MinBy(candidate => candidate.Order)!);
            DroppedMessages++;
        }
        message = new PartialMessage(id, _nextOrder++);
        _partial.Add(id, message);
        return message;
    }

    private FrameAcceptance Add(PartialMessage message, uint index, bool isFirst, MessageKind kind, Frame frame)
    {
        long before = message.Bytes;
        FrameAcceptance result = message.Add(index, isFirst, kind, frame.Reference, frame.HasMore, frame.Payload, _maxMessageLength,
            _maxFramePayload);
        _bufferedBytes += message.Bytes - before;
        return result;
    }

    private void EvictOthersBeyondByteLimit(PartialMessage keep)
    {
        while (_bufferedBytes > _maxBufferedBytes)
        {
            PartialMessage oldest = _partial.Values.Where(candidate => candidate != keep).MinBy(candidate => candidate.Order)!;
            Drop(oldest);
            DroppedMessages++;
        }
    }

    private void Drop(PartialMessage message)
    {
        if (_partial.Remove(message.Id))
        {
            _bufferedBytes -= message.Bytes;
        }
    }

    private void Remember(uint id)
    {
        if (_completed.Add(id))
        {
            _completedOrder.Enqueue(id);
            if (_completedOrder.Count > _rememberedCompletions)
            {
                _completed.Remove(_completedOrder.Dequeue());
            }
        }
    }
}
