using System.Diagnostics;
using System.IO.Pipelines;
using HemSim.Firmware.Device;
using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>
/// The host end of a link (PROTOCOL.md §7): says Hello, then sends requests and matches each response to
/// its request by sequence number. Any number of requests may be in flight; when the link goes, they all
/// fail together with <see cref="LinkClosedException"/> (MQTTnet's packet dispatcher does the same).
/// </summary>
public sealed class HostSession : IDeviceChannel, IFrameConnectionHandler
{
    /// <summary>Identity this end announces in its Hello.</summary>
    public const string HostIdentity = "HemSim host";

    private readonly FrameConnection _connection;
    private readonly SessionOptions _options;
    private readonly Lock _pendingLock = new();
    private readonly Dictionary<uint, TaskCompletionSource<ApiResponse>> _pending = [];     // by request sequence
    private readonly Dictionary<uint, TaskCompletionSource<TimeSpan>> _pings = [];          // by ping sequence
    private readonly TaskCompletionSource<Hello> _deviceHello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closed;               // guarded by _pendingLock
    private Exception? _closeCause;     // guarded by _pendingLock
    private long _unmatchedFrames;

    private HostSession(IDuplexPipe link, SessionOptions options)
    {
        _options = options;
        _connection = new FrameConnection(link, options, this);
        // Closing fails the handshake task even when nobody waits for it any more (connect was cancelled).
        _deviceHello.Task.ContinueWith(static task => _ = task.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The device's Hello identity string, e.g. its variant and firmware version.</summary>
    public string DeviceIdentity => DeviceHello.Identity;

    /// <summary>Session protocol version both ends speak: the lower of the two Hellos.</summary>
    public int ProtocolVersion => Math.Min(Hello.CurrentProtocolVersion, DeviceHello.ProtocolVersion);

    internal FrameConnection Connection => _connection;

    /// <summary>Responses, pongs and rejects that matched nothing we were waiting for, and frames we ignore.</summary>
    internal long UnmatchedFrames => Interlocked.Read(ref _unmatchedFrames);

    private Hello DeviceHello => _deviceHello.Task.IsCompletedSuccessfully
        ? _deviceHello.Task.Result
        : throw new InvalidOperationException("The handshake has not completed.");

    /// <summary>Starts a session over <paramref name="link"/> and completes once the device answered Hello.</summary>
    /// <exception cref="LinkClosedException">The link closed before the device answered.</exception>
    public static Task<HostSession> ConnectAsync(IDuplexPipe link, CancellationToken cancellationToken = default) =>
        ConnectAsync(link, SessionOptions.Default, cancellationToken);

    internal static async Task<HostSession> ConnectAsync(IDuplexPipe link, SessionOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(options);
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

    public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        byte[] content = MessageCodec.Encode(ApiMessageMapping.ToMessage(request));
        if (content.Length > _connection.PeerMaxMessageLength)
        {
            throw new ArgumentException(
                $"The request encodes to {content.Length} bytes; the device accepts at most {_connection.PeerMaxMessageLength}.",
                nameof(request));
        }

        var waiter = new TaskCompletionSource<ApiResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        uint sequence;
        lock (_pendingLock)
        {
            // Registered under the lock the read loop takes to match responses, so an answer can never
            // arrive before its waiter exists.
            if (_closed || !_connection.TrySendMessage(MessageKind.Request, SequenceNumber.None, content, out sequence))
            {
                throw NewLinkClosedException();
            }
            _pending.Add(sequence, waiter);
        }
        try
        {
            return await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Forget(_pending, sequence, waiter);
        }
    }

    /// <summary>Round trip time of one Ping; the device answers pings even while it is busy with a request.</summary>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var waiter = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        long started = Stopwatch.GetTimestamp();
        uint sequence;
        lock (_pendingLock)
        {
            if (_closed || !_connection.TrySendFrame(FrameType.Ping, SequenceNumber.None, ReadOnlyMemory<byte>.Empty, out sequence))
            {
                throw NewLinkClosedException();
            }
            _pings.Add(sequence, waiter);
        }
        try
        {
            await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return Stopwatch.GetElapsedTime(started);
        }
        finally
        {
            Forget(_pings, sequence, waiter);
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var hello = new Hello(Hello.CurrentProtocolVersion, PeerRole.Host, _options.MaxFramePayload,
            _options.MaxMessageLength, NewSessionId(), ReceiveWindow: 0, HostIdentity);
        _connection.Start();
        if (!_connection.TrySendFrame(FrameType.Hello, SequenceNumber.None, hello.Encode(), out _))
        {
            throw NewLinkClosedException();
        }
        await _deviceHello.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    void IFrameConnectionHandler.OnMessage(InboundMessage message)
    {
        if (message.Kind != MessageKind.Response)
        {
            // The host serves nothing: requests and control messages from a device are refused.
            Reject(message.Sequence, RejectReason.UnsupportedMessage, $"A host does not accept {message.Kind} messages.");
            return;
        }
        TaskCompletionSource<ApiResponse>? waiter = Take(_pending, message.Reference);
        if (waiter is null)
        {
            Interlocked.Increment(ref _unmatchedFrames);    // the caller gave up, or the answer is from an earlier session
            return;
        }
        if (MessageCodec.TryDecode(MessageKind.Response, message.Content.Span, out Message? decoded, out MessageError error))
        {
            waiter.TrySetResult(ApiMessageMapping.ToApiResponse((ResponseMessage)decoded));
        }
        else
        {
            waiter.TrySetException(new TransportProtocolException($"The device's response does not decode: {error}."));
        }
    }

    void IFrameConnectionHandler.OnAbandoned(AbandonedMessage message)
    {
        if (message.Kind == MessageKind.Response && Take(_pending, message.Reference) is { } waiter)
        {
            waiter.TrySetException(new TransportProtocolException($"The device's response was lost in transit: {message.Reason}."));
        }
        else
        {
            Reject(message.Sequence, message.Reason, "Message incomplete.");
        }
    }

    void IFrameConnectionHandler.OnLinkFrame(Frame frame)
    {
        switch (frame.Type)
        {
            case FrameType.Hello when Hello.TryDecode(frame.Payload.Span, out Hello? hello):
                OnHello(hello);
                break;
            case FrameType.Pong when Take(_pings, frame.Reference) is { } ping:
                ping.TrySetResult(TimeSpan.Zero);
                break;
            case FrameType.Reject when Rejection.TryDecode(frame.Payload.Span, out Rejection? rejection)
                                       && Take(_pending, frame.Reference) is { } waiter:
                waiter.TrySetException(new TransportProtocolException(
                    $"The device rejected the request: {rejection.Reason} {rejection.Detail}".TrimEnd()));
                break;
            default:
                Interlocked.Increment(ref _unmatchedFrames);    // Ack (version 2), unknown types, stale answers
                break;
        }
    }

    void IFrameConnectionHandler.OnClosed(Exception? cause)
    {
        List<TaskCompletionSource<ApiResponse>> requests;
        List<TaskCompletionSource<TimeSpan>> pings;
        lock (_pendingLock)
        {
            _closed = true;
            _closeCause = cause;
            requests = [.. _pending.Values];
            pings = [.. _pings.Values];
            _pending.Clear();
            _pings.Clear();
        }
        foreach (TaskCompletionSource<ApiResponse> waiter in requests)
        {
            waiter.TrySetException(NewLinkClosedException());
        }
        foreach (TaskCompletionSource<TimeSpan> waiter in pings)
        {
            waiter.TrySetException(NewLinkClosedException());
        }
        _deviceHello.TrySetException(NewLinkClosedException());
    }

    private void OnHello(Hello hello)
    {
        if (hello.Role != PeerRole.Device)
        {
            _deviceHello.TrySetException(new TransportProtocolException("The peer introduced itself as a host, not a device."));
            return;
        }
        _connection.SetPeerLimits(hello.MaxFramePayload, hello.MaxMessageLength);
        _deviceHello.TrySetResult(hello);
    }

    private void Reject(uint sequence, RejectReason reason, string detail) =>
        _connection.TrySendFrame(FrameType.Reject, sequence, new Rejection(reason, detail).Encode(), out _);

    private TaskCompletionSource<T>? Take<T>(Dictionary<uint, TaskCompletionSource<T>> waiters, uint sequence)
    {
        lock (_pendingLock)
        {
            return waiters.Remove(sequence, out TaskCompletionSource<T>? waiter) ? waiter : null;
        }
    }

    private void Forget<T>(Dictionary<uint, TaskCompletionSource<T>> waiters, uint sequence, TaskCompletionSource<T> waiter)
    {
        lock (_pendingLock)
        {
            if (waiters.TryGetValue(sequence, out TaskCompletionSource<T>? current) && current == waiter)
            {
                waiters.Remove(sequence);
            }
        }
    }

    private LinkClosedException NewLinkClosedException()
    {
        Exception? cause;
        lock (_pendingLock)
        {
            cause = _closeCause;
        }
        return cause is null
            ? new LinkClosedException()
            : new LinkClosedException($"The link to the device failed: {cause.Message}", cause);
    }

    private static uint NewSessionId() => (uint)Random.Shared.NextInt64(1, uint.MaxValue);
}
