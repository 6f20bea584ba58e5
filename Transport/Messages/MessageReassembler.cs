using System.Diagnostics;
using HemSim.Transport.Framing;

namespace HemSim.Transport.Messages;

/// <summary>
/// Collects the frames of one message at a time (PROTOCOL.md §4.3). In version 1 a sender never interleaves
/// messages and numbers their frames consecutively, so a gap in sequence numbers or a new first frame means
/// frames were lost: the partial message is abandoned and the sender told. Memory is bounded by the
/// advertised maximum message size.
/// </summary>
internal sealed class MessageReassembler
{
    private readonly int _maxMessageLength;
    private Assembly? _current;     // the message being collected, or null between messages

    public MessageReassembler(int maxMessageLength = MessageLimits.DefaultMaxMessageLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageLength, MessageLimits.MinMaxMessageLength);
        _maxMessageLength = maxMessageLength;
    }

    public int MaxMessageLength => _maxMessageLength;

    public long CompletedMessages { get; private set; }

    public long AbandonedMessages { get; private set; }

    /// <summary>Chunks that belong to no message being collected (e.g. the rest of an abandoned one).</summary>
    public long StrayChunks { get; private set; }

    /// <summary>
    /// Takes one message frame (a first frame or a <see cref="FrameType.Chunk"/>). A first frame arriving
    /// while another message is incomplete both abandons that one and starts (or completes) its own.
    /// </summary>
    public void Accept(Frame frame, out InboundMessage? completed, out AbandonedMessage? abandoned)
    {
        ArgumentNullException.ThrowIfNull(frame);
        completed = null;
        abandoned = null;

        if (MessageKinds.StartsMessage(frame.Type))
        {
            if (_current is not null)
            {
                abandoned = Abandon(RejectReason.IncompleteMessage);
            }
            // A single frame always fits: the frame limit is below MinMaxMessageLength.
            Debug.Assert(frame.Payload.Length <= _maxMessageLength);
            var kind = (MessageKind)frame.Type;
            if (!frame.HasMore)
            {
                completed = Complete(new InboundMessage(kind, frame.Sequence, frame.Reference, frame.Payload));
                return;
            }
            _current = new Assembly(kind, frame.Sequence, frame.Reference, frame.Payload.Span);
            return;
        }

        if (frame.Type != FrameType.Chunk)
        {
            throw new ArgumentException($"A {frame.Type} frame is not part of a message.", nameof(frame));
        }
        if (_current is null || frame.Reference != _current.Sequence)
        {
            StrayChunks++;
            return;
        }
        if (frame.Sequence != SequenceNumber.Next(_current.LastSequence))
        {
            StrayChunks++;
            abandoned = Abandon(RejectReason.IncompleteMessage);
            return;
        }
        if (frame.Payload.Length > _maxMessageLength - _current.Length)
        {
            StrayChunks++;
            abandoned = Abandon(RejectReason.MessageTooLarge);
            return;
        }

        _current.Append(frame.Sequence, frame.Payload.Span, _maxMessageLength);
        if (!frame.HasMore)
        {
            Assembly done = _current;
            _current = null;
            completed = Complete(new InboundMessage(done.Kind, done.Sequence, done.Reference, done.Content));
        }
    }

    /// <summary>Drops a partial message without reporting it (the peer restarted with a new Hello).</summary>
    public void Reset() => _current = null;

    private InboundMessage Complete(InboundMessage message)
    {
        CompletedMessages++;
        return message;
    }

    private AbandonedMessage Abandon(RejectReason reason)
    {
        Debug.Assert(_current is not null);
        var abandoned = new AbandonedMessage(_current.Kind, _current.Sequence, _current.Reference, reason);
        _current = null;
        AbandonedMessages++;
        return abandoned;
    }

    /// <summary>A growing buffer that doubles, but never past the message limit.</summary>
    private sealed class Assembly(MessageKind kind, uint sequence, uint reference, ReadOnlySpan<byte> first)
    {
        private byte[] _buffer = first.ToArray();

        public MessageKind Kind { get; } = kind;

        public uint Sequence { get; } = sequence;

        public uint Reference { get; } = reference;

        public uint LastSequence { get; private set; } = sequence;

        public int Length { get; private set; } = first.Length;

        public ReadOnlyMemory<byte> Content => _buffer.AsMemory(0, Length);

        public void Append(uint frameSequence, ReadOnlySpan<byte> payload, int limit)
        {
            int needed = Length + payload.Length;
            if (needed > _buffer.Length)
            {
                int capacity = (int)Math.Min(limit, Math.Max(needed, 2L * _buffer.Length));
                Array.Resize(ref _buffer, capacity);
            }
            payload.CopyTo(_buffer.AsSpan(Length));
            Length = needed;
            LastSequence = frameSequence;
        }
    }
}
