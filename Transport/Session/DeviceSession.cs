using System.IO.Pipelines;
using System.Text;
using System.Threading.Channels;
using HemSim.Firmware.Device;
using HemSim.Transport.Control;
using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>
/// The device end of a link (PROTOCOL.md §7–§9): answers Hello and Ping at once, and hands requests and
/// control messages to their handlers strictly one at a time in the order they became whole — the device
/// is single-threaded, like swtpm's main loop (read one request, process it, write one response). It keeps
/// the last answers of the session, so a question the host repeats is answered again, never carried out
/// again. A new host Hello on the same byte stream (the bridge restarted) starts a new session: everything
/// of the old one is forgotten, and its late answers are never sent.
/// </summary>
public sealed partial class DeviceSession : IAsyncDisposable, IFrameConnectionHandler
{
    private readonly FrameConnection _connection;
    private readonly DeviceSessionOptions _options;
    private readonly Func<ApiRequest, CancellationToken, Task<ApiResponse>> _handler;
    private readonly string _identity;
    private readonly Lock _lock = new();
    private readonly MessageReassembler _questions;     // session lock
    private readonly RequestLedger _ledger;             // session lock
    private readonly Channel<Work> _work =     // bounded in practice: see HasRoomFor
        Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<uint, int> _taken = [];     // accepted, unanswered questions → sizes (session lock)
    private long _takenBytes;                               // their sizes together (session lock)
    private int _queuedWork;                                // items in _work, of any session (Interlocked)
    private long _questionsBeyondWindow;
    private readonly CancellationTokenSource _stopping = new();
    private uint? _sessionId;           // the host's session id; null until a host said Hello (session lock)
    private int _epoch;                 // bumped by every new session; work of an older epoch is dropped
    private Task _handlerLoop = Task.CompletedTask;
    private long _ignoredFrames;
    private long _repeatedQuestions;
    private long _staleFrames;

    private DeviceSession(IDuplexPipe link, Func<ApiRequest, CancellationToken, Task<ApiResponse>> handler,
        string deviceIdentity, DeviceSessionOptions options)
    {
        _handler = handler;
        _identity = deviceIdentity;
        _options = options;
        _questions = new MessageReassembler(options.MaxMessageLength, maxPartialMessages: options.ReceiveWindow + 2,
            maxBufferedBytes: (long)options.ReceiveWindowBytes + options.MaxMessageLength,
            maxFramePayload: options.MaxFramePayload);
        _ledger = new RequestLedger(options.AnswerCacheSize, options.AnswerCacheBytes);
        _connection = new FrameConnection(link, options.MaxFramePayload, options.Tap, this);
    }

    /// <summary>Completes when the link has closed or the session was disposed, and the handler has returned.</summary>
    public Task Completion => Task.WhenAll(_connection.Completion, _handlerLoop);

    internal FrameConnection Connection => _connection;

    /// <summary>Frames the device does not act on: Pong, Reject, unknown types, bad Hellos, stray Acks.</summary>
    internal long IgnoredFrames => Interlocked.Read(ref _ignoredFrames);

    /// <summary>Frames of questions already whole or answered: answered again or acknowledged, never run again.</summary>
    internal long RepeatedQuestions => Interlocked.Read(ref _repeatedQuestions);

    /// <summary>Whole questions dropped because the host had its window (W questions, B bytes) full (PROTOCOL.md §9).</summary>
    internal long QuestionsBeyondWindow => Interlocked.Read(ref _questionsBeyondWindow);

    /// <summary>Frames of questions the host had finished with, ignored.</summary>
    internal long StaleFrames => Interlocked.Read(ref _staleFrames);

    /// <summary>Most questions of the current session that were whole and not yet answered at one time.</summary>
    internal int MostQuestionsInFlight
    {
        get
        {
            lock (_lock)
            {
                return _ledger.MostAccepted;
            }
        }
    }

    /// <summary>
    /// Starts serving requests from <paramref name="link"/> with <paramref name="handler"/> (e.g.
    /// <c>HemDevice.ProcessAsync</c>). <paramref name="deviceIdentity"/> is announced in Hello (≤ 200 UTF-8 bytes).
    /// </summary>
    public static DeviceSession Start(IDuplexPipe link, Func<ApiRequest, CancellationToken, Task<ApiResponse>> handler,
        string deviceIdentity) => Start(link, handler, deviceIdentity, DeviceSessionOptions.Default);

    /// <inheritdoc cref="Start(IDuplexPipe, Func{ApiRequest, CancellationToken, Task{ApiResponse}}, string)"/>
    /// <param name="options">Window, answer cache, control handler and frame tap; null for the defaults.</param>
    public static DeviceSession Start(IDuplexPipe link, Func<ApiRequest, CancellationToken, Task<ApiResponse>> handler,
        string deviceIdentity, DeviceSessionOptions? options)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(deviceIdentity);
        options ??= DeviceSessionOptions.Default;
        options.Validate();
        if (Encoding.UTF8.GetByteCount(deviceIdentity) > Hello.MaxIdentityLength)
        {
            throw new ArgumentException($"The identity must fit {Hello.MaxIdentityLength} UTF-8 bytes.", nameof(deviceIdentity));
        }
        var session = new DeviceSession(link, handler, deviceIdentity, options);
        session._handlerLoop = Task.Run(session.HandlerLoopAsync);
        session._connection.Start();
        // Unsolicited Hello (reference 0, session 0): a host already on the line learns that the device (re)started.
        session.SendHello(SequenceNumber.None, sessionId: 0);
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
        await foreach (Work work in _work.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            Interlocked.Decrement(ref _queuedWork);
            if (_stopping.IsCancellationRequested)
            {
                return;     // the link is gone: queued questions are not carried out
            }
            if (work.Epoch != Volatile.Read(ref _epoch))
            {
                continue;   // asked in a session that has ended
            }
            MessageKind kind = work.Request is null ? MessageKind.ControlResult : MessageKind.Response;
            byte[]? content = null;
            Rejection? rejection = null;
            try
            {
                content = work.Request is { } request
                    ? MessageCodec.Encode(ApiMessageMapping.ToMessage(await _handler(request, _stopping.Token).ConfigureAwait(false)))
                    : MessageCodec.Encode(ControlMessageMapping.ToMessage(await RunControlAsync(work.Control!).ConfigureAwait(false)));
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (DevicePoweredOffException exception)
            {
                rejection = new Rejection(RejectReason.DeviceOff, exception.Message);
            }
            catch (Exception exception)     // session loop boundary: a failing handler must not take the link down
            {
                rejection = new Rejection(RejectReason.HandlerFault, $"{exception.GetType().Name}: {exception.Message}");
            }
            lock (_lock)
            {
                if (work.Epoch != _epoch)
                {
                    continue;   // the host started a new session meanwhile: this answer must not reach it
                }
                if (_taken.Remove(work.Id, out int size))
                {
                    _takenBytes -= size;    // answered: its place in the window is free
                }
                if (content is not null && content.Length > _connection.PeerMaxMessageLength)
                {
                    rejection = new Rejection(RejectReason.MessageTooLarge,
                        $"The answer is {content.Length} bytes; the host accepts {_connection.PeerMaxMessageLength}.");
                }
                if (rejection is not null)
                {
                    Answer(work.Id, new RejectAnswer(rejection));
                }
                else if (_connection.TrySendMessage(kind, work.Id, content) is { } sent)
                {
                    _ledger.SetAnswer(work.Id, new MessageAnswer(sent));
                }
            }
        }
    }

    private async Task<ControlResult> RunControlAsync(ControlRequest control)
    {
        if (_options.ControlHandler is not { } handler)
        {
            return ControlResult.Unsupported("This device offers no control operations.");
        }
        try
        {
            return await handler(control, _stopping.Token).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            return ControlResult.InvalidArgument(exception.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)  // reported to the host, as the operation's outcome
        {
            return ControlResult.Failed($"{exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>A whole question waiting for the handler, tagged with the session it belongs to.</summary>
    private sealed record Work(int Epoch, uint Id, ApiRequest? Request, ControlRequest? Control);
}
