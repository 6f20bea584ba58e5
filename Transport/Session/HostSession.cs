using System.IO.Pipelines;
using HemSim.Firmware.Device;
using HemSim.Transport.Control;
using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>
/// The host end of a link (PROTOCOL.md §7–§9): says Hello, then sends requests and control messages and
/// matches each answer to its question by message id. It keeps every question until it is answered and
/// repeats it, or asks for the missing part of its answer, when the device shows no progress for a while;
/// the device never carries out a repeated question twice. No more questions are in flight than the
/// device's window allows; further callers wait their turn. When the link goes, every waiting caller fails
/// together with <see cref="LinkClosedException"/> (MQTTnet's packet dispatcher does the same).
/// </summary>
public sealed partial class HostSession : IDeviceChannel, IFrameConnectionHandler
{
    /// <summary>Identity this end announces in its Hello.</summary>
    public const string HostIdentity = "HemSim host";

    private readonly FrameConnection _connection;
    private readonly HostSessionOptions _options;
    private readonly uint _sessionId = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
    private readonly Lock _lock = new();
    private readonly Dictionary<uint, Exchange> _exchanges = [];        // by question id; session lock
    private readonly Dictionary<uint, Exchange> _byAnswerId = [];       // by answer id, once known; session lock
    private readonly Dictionary<uint, TaskCompletionSource> _pings = [];   // by ping sequence; session lock
    private readonly MessageReassembler _answers;                        // session lock
    private readonly SendWindow _window = new();
    private readonly TaskCompletionSource<Hello> _deviceHello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private uint _helloSequence;        // sequence of our Hello; session lock
    private bool _closed;               // session lock
    private Exception? _closeCause;     // session lock
    private long _unmatchedFrames;

    private HostSession(IDuplexPipe link, HostSessionOptions options)
    {
        _options = options;
        _answers = new MessageReassembler(options.MaxMessageLength, maxFramePayload: options.MaxFramePayload);
        _connection = new FrameConnection(link, options.MaxFramePayload, options.Tap, this);
        // Closing fails the handshake task even when nobody waits for it any more (connect was cancelled).
        _deviceHello.Task.ContinueWith(static task => _ = task.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The device's Hello identity string, e.g. its variant and firmware version.</summary>
    public string DeviceIdentity => DeviceHello.Identity;

    /// <summary>Session protocol version both ends speak: the lower of the two Hellos.</summary>
    public int ProtocolVersion => Math.Min(Hello.CurrentProtocolVersion, DeviceHello.ProtocolVersion);

    /// <summary>Questions the device may have in flight at once, as its Hello said (0 = no limit).</summary>
    public int DeviceReceiveWindow => DeviceHello.ReceiveWindow;

    internal FrameConnection Connection => _connection;

    internal SendWindow Window => _window;

    internal MessageReassembler Answers => _answers;

    /// <summary>Answers, pongs, acks and rejects that matched nothing we were waiting for, and frames we ignore.</summary>
    internal long UnmatchedFrames => Interlocked.Read(ref _unmatchedFrames);

    private Hello DeviceHello => _deviceHello.Task.IsCompletedSuccessfully
        ? _deviceHello.Task.Result
        : throw new InvalidOperationException("The handshake has not completed.");

    /// <summary>Starts a session over <paramref name="link"/> and completes once the device answered Hello.</summary>
    /// <exception cref="LinkClosedException">The link closed before the device answered.</exception>
    /// <exception cref="DeviceTimeoutException">The device did not answer Hello, even when repeated.</exception>
    /// <exception cref="TransportProtocolException">The peer is not a device, or speaks only protocol version 1.</exception>
    public static Task<HostSession> ConnectAsync(IDuplexPipe link, CancellationToken cancellationToken = default) =>
        ConnectAsync(link, HostSessionOptions.Default, cancellationToken);

    /// <inheritdoc cref="ConnectAsync(IDuplexPipe, CancellationToken)"/>
    public static async Task<HostSession> ConnectAsync(IDuplexPipe link, HostSessionOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var session = new HostSession(link, options);
        try
        {
            await session.HandshakeAsync(cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="DeviceTimeoutException">The device showed no progress on the request through every retransmission.</exception>
    public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        byte[] content = MessageCodec.Encode(ApiMessageMapping.ToMessage(request));
        CheckSize(content, nameof(request));
        InboundMessage answer = await ExchangeAsync(MessageKind.Request, content, cancellationToken).ConfigureAwait(false);
        if (!MessageCodec.TryDecode(MessageKind.Response, answer.Content.Span, out Message? decoded, out MessageError error))
        {
            throw new TransportProtocolException($"The device's response does not decode: {error}.");
        }
        return ApiMessageMapping.ToApiResponse((ResponseMessage)decoded);
    }

    /// <summary>
    /// Carries out a simulator control operation on the device (PROTOCOL.md §6.5) and returns its result;
    /// an operation the device does not offer comes back as <see cref="ControlStatus.Unsupported"/>.
    /// Control messages share the window, the retransmission and the one-at-a-time order of requests.
    /// </summary>
    /// <exception cref="LinkClosedException">The link is down or was closed, before or while waiting.</exception>
    /// <exception cref="DeviceTimeoutException">The device showed no progress through every retransmission.</exception>
    /// <exception cref="TransportProtocolException">The device rejected the message or its answer does not decode.</exception>
    public async Task<ControlResult> ControlAsync(ControlOperation operation, ReadOnlyMemory<byte> argument,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        byte[] content = MessageCodec.Encode(new ControlMessage(operation, argument));
        CheckSize(content, nameof(argument));
        InboundMessage answer = await ExchangeAsync(MessageKind.Control, content, cancellationToken).ConfigureAwait(false);
        if (!MessageCodec.TryDecode(MessageKind.ControlResult, answer.Content.Span, out Message? decoded, out MessageError error))
        {
            throw new TransportProtocolException($"The device's control result does not decode: {error}.");
        }
        return ControlMessageMapping.ToResult((ControlResultMessage)decoded);
    }

    /// <summary>
    /// Round trip time of one Ping; the device answers pings even while it is busy with a request. A ping
    /// without answer is repeated on the retransmission schedule.
    /// </summary>
    /// <exception cref="DeviceTimeoutException">No ping was answered.</exception>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TimeSpan timeout = _options.InitialRetransmitTimeout;
        var sent = new List<uint>();
        try
        {
            for (int round = 0; ; round++)
            {
                long started = _options.TimeProvider.GetTimestamp();
                lock (_lock)
                {
                    if (_closed || !_connection.TrySendFrame(FrameType.Ping, SequenceNumber.None, ReadOnlyMemory<byte>.Empty, out uint sequence))
                    {
                        throw NewLinkClosedException();
                    }
                    _pings.Add(sequence, answered);
                    sent.Add(sequence);
                }
                if (await AnsweredWithinAsync(answered.Task, timeout, cancellationToken).ConfigureAwait(false))
                {
                    return _options.TimeProvider.GetElapsedTime(started);
                }
                if (round >= _options.MaxRetransmissions)
                {
                    throw new DeviceTimeoutException($"The device answered none of {round + 1} pings.");
                }
                timeout = NextTimeout(timeout);
            }
        }
        finally
        {
            lock (_lock)
            {
                sent.ForEach(sequence => _pings.Remove(sequence));
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for <paramref name="answer"/>. False only when it is still not
    /// complete after the timer fired: an answer that lands between the timer and this check counts as
    /// answered (checking IsCompleted in an exception filter raced with it and let a bare timeout escape).
    /// </summary>
    private async Task<bool> AnsweredWithinAsync(Task answer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await answer.WaitAsync(timeout, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            if (!answer.IsCompleted)
            {
                return false;
            }
        }
        await answer.ConfigureAwait(false);   // completed meanwhile: its own outcome (result or fault) stands
        return true;
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var hello = new Hello(Hello.CurrentProtocolVersion, PeerRole.Host, _options.MaxFramePayload,
            _options.MaxMessageLength, _sessionId, ReceiveWindow: 0, HostIdentity);
        byte[] payload = hello.Encode();
        _connection.Start();
        Frame sent;
        lock (_lock)
        {
            if (!_connection.TrySendFrame(FrameType.Hello, SequenceNumber.None, payload, out uint sequence))
            {
                throw NewLinkClosedException();
            }
            _helloSequence = sequence;
            sent = new Frame(FrameType.Hello, FrameFlags.None, sequence, SequenceNumber.None, payload);
        }
        TimeSpan timeout = _options.InitialRetransmitTimeout;
        for (int round = 0; ; round++)
        {
            if (await AnsweredWithinAsync(_deviceHello.Task, timeout, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
            if (round >= _options.MaxRetransmissions)
            {
                throw new DeviceTimeoutException($"The device did not answer Hello ({round + 1} sent).");
            }
            _connection.TryResendFrame(sent);   // same sequence and session id: the device answers it, no new session
            timeout = NextTimeout(timeout);
        }
    }

    /// <summary>Sends one question and waits for its whole answer, holding a window slot meanwhile.</summary>
    private async Task<InboundMessage> ExchangeAsync(MessageKind kind, byte[] content, CancellationToken cancellationToken)
    {
        SendWindow.Lease lease = await _window.AcquireAsync(content.Length, cancellationToken).ConfigureAwait(false);
        Exchange? exchange = null;
        lock (_lock)
        {
            // Registered under the lock the read loop takes to match answers, so an answer can never arrive
            // before its exchange exists.
            OutgoingMessage? question = _closed ? null : _connection.TrySendMessage(kind, LowWaterMark, content);
            if (question is not null)
            {
                exchange = new Exchange(question, lease, _options.TimeProvider);
                _exchanges.Add(question.Id, exchange);
            }
        }
        if (exchange is null)
        {
            _window.Release(lease);
            throw NewLinkClosedException();
        }
        _ = RetransmitAsync(exchange);
        // Cancelling stops this wait only: the exchange runs on, so that its window slot stays taken
        // until the device has answered (or the exchange times out).
        return await exchange.Answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The reference of a question's first frame (PROTOCOL.md §8.5): the oldest question still outstanding,
    /// <paramref name="id"/> itself when there is none older. The device forgets every question before it.
    /// Session lock held.
    /// </summary>
    private uint LowWaterMark(uint id)
    {
        uint oldest = id;
        foreach (uint outstanding in _exchanges.Keys)
        {
            if (SequenceNumber.IsBefore(outstanding, oldest))
            {
                oldest = outstanding;
            }
        }
        return oldest;
    }

    private void CheckSize(byte[] content, string parameter)
    {
        if (content.Length > _connection.PeerMaxMessageLength)
        {
            throw new ArgumentException(
                $"The message encodes to {content.Length} bytes; the device accepts at most {_connection.PeerMaxMessageLength}.",
                parameter);
        }
    }

    private TimeSpan NextTimeout(TimeSpan timeout) =>
        TimeSpan.FromTicks(Math.Min(timeout.Ticks * 2, _options.MaxRetransmitTimeout.Ticks));
}
