using System.IO.Pipelines;
using System.Text;
using System.Threading.Channels;
using HemSim.Firmware.Device;
using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>
/// The device end of a link (PROTOCOL.md §7): answers Hello and Ping at once, and hands requests to the
/// handler strictly one at a time in arrival order — the device is single-threaded, like swtpm's main loop
/// (read one request, process it, write one response). Responses carry the request's sequence number.
/// </summary>
public sealed class DeviceSession : IAsyncDisposable, IFrameConnectionHandler
{
    private readonly FrameConnection _connection;
    private readonly SessionOptions _options;
    private readonly Func<ApiRequest, CancellationToken, Task<ApiResponse>> _handler;
    private readonly string _identity;
    private readonly uint _sessionId = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
    private readonly Channel<(uint Sequence, ApiRequest Request)> _requests =
        Channel.CreateUnbounded<(uint, ApiRequest)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stopping = new();
    private Task _handlerLoop = Task.CompletedTask;
    private long _ignoredFrames;

    private DeviceSession(IDuplexPipe link, Func<ApiRequest, CancellationToken, Task<ApiResponse>> handler,
        string deviceIdentity, SessionOptions options)
    {
        _handler = handler;
        _identity = deviceIdentity;
        _options = options;
        _connection = new FrameConnection(link, options, this);
    }

    /// <summary>Completes when the link has closed or the session was disposed, and the handler has returned.</summary>
    public Task Completion => Task.WhenAll(_connection.Completion, _handlerLoop);

    internal FrameConnection Connection => _connection;

    /// <summary>Frames the device does not act on: Pong, Reject, Ack (version 2), unknown types, bad Hellos.</summary>
    internal long IgnoredFrames => Interlocked.Read(ref _ignoredFrames);

    /// <summary>
    /// Starts serving requests from <paramref name="link"/> with <paramref name="handler"/> (e.g.
    /// <c>HemDevice.ProcessAsync</c>). <paramref name="deviceIdentity"/> is announced in Hello (≤ 200 UTF-8 bytes).
    /// </summary>
    public static DeviceSession Start(IDuplexPipe link, Func<ApiRequest, CancellationToken, Task<ApiResponse>> handler,
        string deviceIdentity) => Start(link, handler, deviceIdentity, SessionOptions.Default);

    internal static DeviceSession Start(IDuplexPipe link, Func<ApiRequest, CancellationToken, Task<ApiResponse>> handler,
        string deviceIdentity, SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(deviceIdentity);
        ArgumentNullException.ThrowIfNull(options);
        if (Encoding.UTF8.GetByteCount(deviceIdentity) > Hello.MaxIdentityLength)
        {
            throw new ArgumentException($"The identity must fit {Hello.MaxIdentityLength} UTF-8 bytes.", nameof(deviceIdentity));
        }
        var session = new DeviceSession(link, handler, deviceIdentity, options);
        session._handlerLoop = Task.Run(session.HandlerLoopAsync);
        session._connection.Start();
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        await _handlerLoop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task HandlerLoopAsync()
    {
        await foreach ((uint sequence, ApiRequest request) in _requests.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (_stopping.IsCancellationRequested)
            {
                return;     // the link is gone: queued requests are not carried out
            }
            byte[] content;
            try
            {
                ApiResponse response = await _handler(request, _stopping.Token).ConfigureAwait(false);
                content = MessageCodec.Encode(ApiMessageMapping.ToMessage(response));
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)     // session loop boundary: a failing handler must not take the link down
            {
                Reject(sequence, RejectReason.HandlerFault, $"{exception.GetType().Name}: {exception.Message}");
                continue;
            }

            if (content.Length > _connection.PeerMaxMessageLength)
            {
                Reject(sequence, RejectReason.MessageTooLarge,
                    $"The response is {content.Length} bytes; the host accepts {_connection.PeerMaxMessageLength}.");
                continue;
            }
            _connection.TrySendMessage(MessageKind.Response, sequence, content, out _);
        }
    }

    void IFrameConnectionHandler.OnMessage(InboundMessage message)
    {
        if (message.Kind != MessageKind.Request)
        {
            Reject(message.Sequence, RejectReason.UnsupportedMessage,
                $"This device does not accept {message.Kind} messages in protocol version {Hello.CurrentProtocolVersion}.");
            return;
        }
        if (!MessageCodec.TryDecode(MessageKind.Request, message.Content.Span, out Message? decoded, out MessageError error))
        {
            Reject(message.Sequence, RejectReason.MalformedMessage, error.ToString());
            return;
        }
        _requests.Writer.TryWrite((message.Sequence, ApiMessageMapping.ToApiRequest((RequestMessage)decoded)));
    }

    void IFrameConnectionHandler.OnAbandoned(AbandonedMessage message) =>
        Reject(message.Sequence, message.Reason, "The message did not arrive whole.");

    void IFrameConnectionHandler.OnLinkFrame(Frame frame)
    {
        if (frame.Type == FrameType.Hello && Hello.TryDecode(frame.Payload.Span, out Hello? hello) && hello.Role == PeerRole.Host)
        {
            // A Hello starts the session over: a half-received message from before it will never be finished.
            _connection.ResetReassembly();
            _connection.SetPeerLimits(hello.MaxFramePayload, hello.MaxMessageLength);
            var answer = new Hello(Hello.CurrentProtocolVersion, PeerRole.Device, _options.MaxFramePayload,
                _options.MaxMessageLength, _sessionId, ReceiveWindow: 0, _identity);
            _connection.TrySendFrame(FrameType.Hello, frame.Sequence, answer.Encode(), out _);
            return;
        }
        Interlocked.Increment(ref _ignoredFrames);
    }

    void IFrameConnectionHandler.OnClosed(Exception? cause)
    {
        _requests.Writer.TryComplete();
        _stopping.Cancel();
    }

    private void Reject(uint sequence, RejectReason reason, string detail) =>
        _connection.TrySendFrame(FrameType.Reject, sequence, new Rejection(reason, detail).Encode(), out _);
}
