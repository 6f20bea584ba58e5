using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using HemSim.Transport.Diagnostics;
using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>
/// Both directions of one link, shared by <see cref="HostSession"/> and <see cref="DeviceSession"/>: a read
/// loop that decodes frames, answers pings and hands every other frame to the session, and a write loop that
/// numbers, chunks and writes queued frames. Nothing on the read loop ever waits for the write side (a reader
/// blocked on a writer blocked on the peer's reader is how two sessions deadlock), so outgoing frames go
/// through queues: link frames (Hello, Ack, Reject, Ping, Pong) in one, messages and retransmissions in the
/// other. A link frame overtakes the rest of a long message, so an Ack is never stuck behind 16 MiB on a
/// slow line. The loops own their pipe ends and complete them when they stop. The link-frame queue holds at
/// most <see cref="MaxQueuedLinkFrames"/>: a peer that sends Pings or AckRequested frames faster than it
/// reads cannot make it grow; beyond, new link frames are dropped as if lost on the line, and the peer's
/// timers ask again (PROTOCOL.md §8.4).
/// </summary>
internal sealed partial class FrameConnection : IAsyncDisposable
{
    private readonly IDuplexPipe _link;
    private readonly IFrameConnectionHandler _handler;
    private readonly FrameDecoder _decoder;
    private readonly FrameTap? _tap;
    /// <summary>Link frames queued at most; more are dropped (the peer asks again).</summary>
    public const int MaxQueuedLinkFrames = 256;

    private readonly Channel<Frame> _linkFrames;
    private readonly Channel<OutgoingBatch> _messages = Channel.CreateUnbounded<OutgoingBatch>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _sendLock = new();
    private uint _nextSequence = SequenceNumber.First;                  // sequence of the next new frame
    private int _peerMaxFramePayload = FrameLayout.DefaultMaxPayload;   // until the peer's Hello says otherwise
    private int _peerMaxMessageLength = MessageLimits.DefaultMaxMessageLength;
    private int _messageEpoch;                                          // batches queued under an older value are dropped
    private int _closed;                                                // 1 once Close has run
    private long _framesWritten;
    private long _framesRetransmitted;
    private long _linkFramesDropped;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;

    public FrameConnection(IDuplexPipe link, int maxFramePayload, FrameTap? tap, IFrameConnectionHandler handler)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(handler);
        _link = link;
        _handler = handler;
        _tap = tap;
        _decoder = new FrameDecoder(maxFramePayload);
        _linkFrames = Channel.CreateBounded<Frame>(
            new BoundedChannelOptions(MaxQueuedLinkFrames) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite },
            _ => Interlocked.Increment(ref _linkFramesDropped));
    }

    public FrameDecoderCounters DecoderCounters => _decoder.Counters;

    public int PeerMaxMessageLength => Volatile.Read(ref _peerMaxMessageLength);

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public long FramesWritten => Interlocked.Read(ref _framesWritten);

    /// <summary>Frames written again with the Retransmission flag.</summary>
    public long FramesRetransmitted => Interlocked.Read(ref _framesRetransmitted);

    /// <summary>Link frames waiting to be written (at most <see cref="MaxQueuedLinkFrames"/>).</summary>
    public int QueuedLinkFrames => _linkFrames.Reader.Count;

    /// <summary>Link frames dropped because the queue was full.</summary>
    public long LinkFramesDropped => Interlocked.Read(ref _linkFramesDropped);

    /// <summary>Completes when both loops have stopped and both pipe ends are completed.</summary>
    public Task Completion => Task.WhenAll(_readLoop, _writeLoop);

    public void Start()
    {
        _readLoop = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Applies the limits from the peer's Hello to messages queued from now on.</summary>
    public void SetPeerLimits(int maxFramePayload, int maxMessageLength)
    {
        lock (_sendLock)
        {
            _peerMaxFramePayload = maxFramePayload;
            Volatile.Write(ref _peerMaxMessageLength, maxMessageLength);
        }
    }

    /// <summary>
    /// Queues one new frame that is not part of a message; false once the link is closed. When the queue is
    /// full the frame is dropped, as if lost on the line (it still takes its sequence number), and true returned.
    /// </summary>
    public bool TrySendFrame(FrameType type, uint reference, ReadOnlyMemory<byte> payload, out uint sequence)
    {
        if (payload.Length > FrameLayout.MinPayloadLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), payload.Length,
                "Link frames must fit the smallest frame limit a peer may advertise.");
        }
        lock (_sendLock)
        {
            sequence = _nextSequence;
            if (!_linkFrames.Writer.TryWrite(new Frame(type, FrameFlags.None, sequence, reference, payload)))
            {
                sequence = SequenceNumber.None;
                return false;
            }
            _nextSequence = SequenceNumber.Next(sequence);
            return true;
        }
    }

    /// <summary>Queues a link frame sent before, unchanged but for the Retransmission flag.</summary>
    public bool TryResendFrame(Frame frame) =>
        _linkFrames.Writer.TryWrite(frame with { Flags = frame.Flags | FrameFlags.Retransmission });

    /// <summary>
    /// Queues a message, split into as many frames as the peer's frame limit requires; null once the link
    /// is closed. The last frame of a message of several frames carries AckRequested, so that the receiver
    /// says at once whether it got everything (PROTOCOL.md §8.2).
    /// </summary>
    public OutgoingMessage? TrySendMessage(MessageKind kind, uint reference, ReadOnlyMemory<byte> content) =>
        TrySendMessage(kind, _ => reference, content);

    /// <inheritdoc cref="TrySendMessage(MessageKind, uint, ReadOnlyMemory{byte})"/>
    /// <param name="referenceFor">The first frame's reference, given the message id the message gets.</param>
    public OutgoingMessage? TrySendMessage(MessageKind kind, Func<uint, uint> referenceFor, ReadOnlyMemory<byte> content)
    {
        if (content.Length > PeerMaxMessageLength)
        {
            throw new ArgumentOutOfRangeException(nameof(content), content.Length,
                $"The peer accepts messages of at most {PeerMaxMessageLength} bytes.");
        }
        lock (_sendLock)
        {
            var message = new OutgoingMessage(kind, _nextSequence, referenceFor(_nextSequence), content, _peerMaxFramePayload);
            var batch = new OutgoingBatch(message, Enumerable.Range(0, message.FrameCount).Select(i => (uint)i).ToList(),
                retransmission: false, askAck: message.FrameCount > 1, Volatile.Read(ref _messageEpoch));
            if (!_messages.Writer.TryWrite(batch))
            {
                message.SetWritten(false);
                return null;
            }
            _nextSequence = SequenceNumber.Advance(message.Id, message.FrameCount);
            return message;
        }
    }

    /// <summary>
    /// Queues frames of <paramref name="message"/> again (Retransmission flag), AckRequested on the last of
    /// them; false once the link is closed or when <paramref name="indices"/> is empty.
    /// </summary>
    public bool TryResend(OutgoingMessage message, IEnumerable<uint> indices)
    {
        List<uint> list = indices.ToList();
        return list.Count > 0
            && _messages.Writer.TryWrite(new OutgoingBatch(message, list, retransmission: true, askAck: true,
                Volatile.Read(ref _messageEpoch)));
    }

    /// <summary>
    /// Drops every message and retransmission queued so far, including the rest of one being written (a new
    /// session began: answers of the old one must not reach the new host).
    /// </summary>
    public void DiscardQueuedMessages() => Interlocked.Increment(ref _messageEpoch);

    /// <summary>Stops both loops; idempotent. Queued frames that were not written yet are dropped.</summary>
    public void Close(Exception? cause = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        _linkFrames.Writer.TryComplete();
        _messages.Writer.TryComplete();
        _stopping.Cancel();
        _handler.OnClosed(cause);
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        await Completion.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
