using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>
/// Both directions of one link, shared by <see cref="HostSession"/> and <see cref="DeviceSession"/>: a read
/// loop that decodes frames, reassembles messages and answers pings, and a write loop that numbers, chunks
/// and writes queued frames. Nothing on the read loop ever waits for the write side (a reader blocked on
/// a writer blocked on the peer's reader is how two sessions deadlock), so outgoing frames go through a
/// queue. The loops own their pipe ends and complete them when they stop.
/// </summary>
internal sealed class FrameConnection : IAsyncDisposable
{
    private readonly IDuplexPipe _link;
    private readonly IFrameConnectionHandler _handler;
    private readonly FrameDecoder _decoder;
    private readonly MessageReassembler _reassembler;
    private readonly Channel<Outgoing> _outgoing =
        Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _sendLock = new();
    private uint _nextSequence = SequenceNumber.First;                  // sequence of the next frame queued
    private int _peerMaxFramePayload = FrameLayout.DefaultMaxPayload;   // until the peer's Hello says otherwise
    private int _peerMaxMessageLength = MessageLimits.DefaultMaxMessageLength;
    private int _closed;                                                // 1 once Close has run
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;

    public FrameConnection(IDuplexPipe link, SessionOptions options, IFrameConnectionHandler handler)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        _link = link;
        _handler = handler;
        _decoder = new FrameDecoder(options.MaxFramePayload);
        _reassembler = new MessageReassembler(options.MaxMessageLength);
    }

    public FrameDecoderCounters DecoderCounters => _decoder.Counters;

    public MessageReassembler Reassembler => _reassembler;

    public int PeerMaxMessageLength => Volatile.Read(ref _peerMaxMessageLength);

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Completes when both loops have stopped and both pipe ends are completed.</summary>
    public Task Completion => Task.WhenAll(_readLoop, _writeLoop);

    public void Start()
    {
        _readLoop = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Applies the limits from the peer's Hello to frames queued from now on.</summary>
    public void SetPeerLimits(int maxFramePayload, int maxMessageLength)
    {
        lock (_sendLock)
        {
            _peerMaxFramePayload = maxFramePayload;
            Volatile.Write(ref _peerMaxMessageLength, maxMessageLength);
        }
    }

    /// <summary>Forgets a half-received message (the peer started over with a new Hello).</summary>
    public void ResetReassembly() => _reassembler.Reset();

    /// <summary>Queues one frame that is not part of a message; false once the link is closed.</summary>
    public bool TrySendFrame(FrameType type, uint reference, ReadOnlyMemory<byte> payload, out uint sequence)
    {
        if (payload.Length > FrameLayout.MinPayloadLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), payload.Length,
                "Link frames must fit the smallest frame limit a peer may advertise.");
        }
        return TryQueue(type, reference, payload, isMessage: false, out sequence);
    }

    /// <summary>
    /// Queues a message, split into as many frames as the peer's frame limit requires; false once the link
    /// is closed. <paramref name="sequence"/> is the first frame's number, which answers will refer to.
    /// </summary>
    public bool TrySendMessage(MessageKind kind, uint reference, ReadOnlyMemory<byte> content, out uint sequence)
    {
        if (content.Length > PeerMaxMessageLength)
        {
            throw new ArgumentOutOfRangeException(nameof(content), content.Length,
                $"The peer accepts messages of at most {PeerMaxMessageLength} bytes.");
        }
        return TryQueue((FrameType)kind, reference, content, isMessage: true, out sequence);
    }

    /// <summary>Stops both loops; idempotent. Queued frames that were not written yet are dropped.</summary>
    public void Close(Exception? cause = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        _outgoing.Writer.TryComplete();
        _stopping.Cancel();
        _handler.OnClosed(cause);
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        await Completion.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private bool TryQueue(FrameType type, uint reference, ReadOnlyMemory<byte> content, bool isMessage, out uint sequence)
    {
        lock (_sendLock)
        {
            // Numbers are handed out in queue order, so frames reach the wire in sequence order.
            int chunkSize = _peerMaxFramePayload;
            int frames = isMessage ? MessageChunker.CountFrames(content.Length, chunkSize) : 1;
            sequence = _nextSequence;
            if (!_outgoing.Writer.TryWrite(new Outgoing(type, sequence, reference, content, chunkSize, isMessage)))
            {
                sequence = SequenceNumber.None;
                return false;
            }
            _nextSequence = SequenceNumber.Advance(sequence, frames);
            return true;
        }
    }

    private async Task ReadLoopAsync()
    {
        PipeReader input = _link.Input;
        Exception? cause = null;
        try
        {
            while (true)
            {
                ReadResult result = await input.ReadAsync(_stopping.Token).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                while (_decoder.TryReadFrame(ref buffer, out Frame? frame))
                {
                    Dispatch(frame);
                }
                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)     // the link failed (I/O error) or a session callback broke: the link is done
        {
            cause = exception;
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
            Close(cause);
        }
    }

    private void Dispatch(Frame frame)
    {
        if (frame.Type == FrameType.Chunk || MessageKinds.StartsMessage(frame.Type))
        {
            _reassembler.Accept(frame, out InboundMessage? completed, out AbandonedMessage? abandoned);
            if (abandoned is { } lost)
            {
                _handler.OnAbandoned(lost);
            }
            if (completed is { } message)
            {
                _handler.OnMessage(message);
            }
            return;
        }
        if (frame.Type == FrameType.Ping)
        {
            ReadOnlyMemory<byte> echo = frame.Payload[..Math.Min(frame.Payload.Length, FrameLayout.MinPayloadLimit)];
            TrySendFrame(FrameType.Pong, frame.Sequence, echo, out _);
            return;
        }
        _handler.OnLinkFrame(frame);
    }

    private async Task WriteLoopAsync()
    {
        PipeWriter output = _link.Output;
        Exception? cause = null;
        try
        {
            await foreach (Outgoing item in _outgoing.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                foreach (Frame frame in item.Frames())
                {
                    FrameEncoder.Write(output, frame.Type, frame.Flags, frame.Sequence, frame.Reference, frame.Payload.Span);
                    FlushResult flushed = await output.FlushAsync(_stopping.Token).ConfigureAwait(false);
                    if (flushed.IsCompleted || flushed.IsCanceled)
                    {
                        return;     // the peer stopped reading: the link is gone
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)     // the link failed (I/O error): the link is done
        {
            cause = exception;
        }
        finally
        {
            await output.CompleteAsync().ConfigureAwait(false);
            Close(cause);
        }
    }

    /// <summary>One queued frame, or one whole message still to be cut into frames.</summary>
    private sealed record Outgoing(FrameType Type, uint Sequence, uint Reference, ReadOnlyMemory<byte> Content,
        int ChunkSize, bool IsMessage)
    {
        public IEnumerable<Frame> Frames() => IsMessage
            ? MessageChunker.Split((MessageKind)Type, Sequence, Reference, Content, ChunkSize)
            : [new Frame(Type, FrameFlags.None, Sequence, Reference, Content)];
    }
}
