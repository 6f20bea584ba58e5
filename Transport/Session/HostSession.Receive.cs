using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>What the host does with each frame from the device (PROTOCOL.md §7, §8). Runs on the read loop.</summary>
public sealed partial class HostSession
{
    void IFrameConnectionHandler.OnFrame(Frame frame)
    {
        switch (frame.Type)
        {
            case FrameType.Hello when Hello.TryDecode(frame.Payload.Span, out Hello? hello):
                OnHello(frame, hello);
                break;
            case FrameType.Response or FrameType.ControlResult or FrameType.Chunk:
                OnAnswerFrame(frame);
                break;
            case FrameType.Ack when Acknowledgement.TryDecode(frame.Payload.Span, out Acknowledgement? ack):
                OnAck(frame, ack);
                break;
            case FrameType.Reject when Rejection.TryDecode(frame.Payload.Span, out Rejection? rejection):
                OnReject(frame, rejection);
                break;
            case FrameType.Pong:
                OnPong(frame);
                break;
            case FrameType.Request or FrameType.Control:
                // The host serves nothing: questions from a device are refused.
                SendLinkFrame(FrameType.Reject, frame.Sequence,
                    new Rejection(RejectReason.UnsupportedMessage, $"A host does not accept {frame.Type} messages.").Encode());
                break;
            default:
                Interlocked.Increment(ref _unmatchedFrames);    // unknown types, bad payloads
                break;
        }
    }

    void IFrameConnectionHandler.OnClosed(Exception? cause)
    {
        List<Exchange> exchanges;
        List<TaskCompletionSource> pings;
        lock (_lock)
        {
            _closed = true;
            _closeCause = cause;
            exchanges = [.. _exchanges.Values];
            pings = [.. _pings.Values];
            _exchanges.Clear();
            _byAnswerId.Clear();
            _pings.Clear();
        }
        _window.Close(NewLinkClosedException);
        foreach (Exchange exchange in exchanges)
        {
            exchange.TryFinish(null, NewLinkClosedException());
            _window.Release(exchange.Lease);
        }
        foreach (TaskCompletionSource ping in pings)
        {
            ping.TrySetException(NewLinkClosedException());
        }
        _deviceHello.TrySetException(NewLinkClosedException());
    }

    private void OnHello(Frame frame, Hello hello)
    {
        bool restarted;
        lock (_lock)
        {
            bool ours = frame.Reference == _helloSequence && hello.Role == PeerRole.Device;
            if (!_deviceHello.Task.IsCompleted)
            {
                if (hello.Role == PeerRole.Host)
                {
                    _deviceHello.TrySetException(new TransportProtocolException("The peer introduced itself as a host, not a device."));
                }
                else if (ours && hello.ProtocolVersion < Hello.MinimumDeviceProtocolVersion)
                {
                    _deviceHello.TrySetException(new TransportProtocolException(
                        $"The device speaks protocol version {hello.ProtocolVersion}; this host needs {Hello.MinimumDeviceProtocolVersion} or later."));
                }
                else if (ours && hello.SessionId == _sessionId)
                {
                    _connection.SetPeerLimits(hello.MaxFramePayload, hello.MaxMessageLength);
                    _window.Configure(hello.ReceiveWindow, hello.ReceiveWindowBytes);
                    _deviceHello.TrySetResult(hello);
                }
                else
                {
                    // A device's start-up Hello, or its answer to an earlier host on the same line: not ours.
                    Interlocked.Increment(ref _unmatchedFrames);
                }
                return;
            }
            // The answer to a repeated Hello of ours is no news; any other device Hello means it restarted.
            restarted = hello.Role == PeerRole.Device && !(ours && hello.SessionId == _sessionId);
        }
        if (restarted)
        {
            _connection.Close(new LinkClosedException("The device restarted; its session with this host ended."));
        }
        else
        {
            Interlocked.Increment(ref _unmatchedFrames);
        }
    }

    private void OnAnswerFrame(Frame frame)
    {
        Exchange? finished = null;
        InboundMessage? answer = null;
        Exception? failure = null;
        lock (_lock)
        {
            if (!_deviceHello.Task.IsCompletedSuccessfully)
            {
                Interlocked.Increment(ref _unmatchedFrames);    // from before our session began
                return;
            }
            uint id = MessageReassembler.MessageIdOf(frame);
            Exchange? exchange;
            if (frame.Type == FrameType.Chunk)
            {
                _byAnswerId.TryGetValue(id, out exchange);
            }
            else if (_exchanges.TryGetValue(frame.Reference, out exchange))
            {
                if (exchange.AnswerId is null)
                {
                    exchange.AnswerId = id;
                    _byAnswerId[id] = exchange;
                }
            }
            else
            {
                // The answer to a question already answered (a replay), or to nothing of ours.
                Interlocked.Increment(ref _unmatchedFrames);
                AckIfRequested(frame, id, Acknowledgement.Complete);
                return;
            }

            FrameAcceptance accepted = _answers.Accept(frame, out InboundMessage? completed);
            if (accepted is FrameAcceptance.Stored or FrameAcceptance.Completed)
            {
                exchange?.Progressed();     // new data only: repeats and contradictions are no progress
            }
            AckIfRequested(frame, id, null);
            if (accepted == FrameAcceptance.Completed && _exchanges.TryGetValue(completed!.Value.Reference, out finished))
            {
                if (completed.Value.Kind == finished.AnswerKind)
                {
                    answer = completed;
                }
                else
                {
                    failure = new TransportProtocolException(
                        $"The device answered a {finished.Question.Kind} with a {completed.Value.Kind}.");
                }
                Forget(finished);
            }
            else if (accepted == FrameAcceptance.TooLarge && exchange is not null)
            {
                finished = exchange;
                failure = new TransportProtocolException(
                    $"The device's answer exceeds the {_answers.MaxMessageLength} bytes this host accepts.");
                Forget(finished);
            }
        }
        Finish(finished, answer, failure);
    }

    private void OnAck(Frame frame, Acknowledgement ack)
    {
        lock (_lock)
        {
            if (!_exchanges.TryGetValue(frame.Reference, out Exchange? exchange))
            {
                Interlocked.Increment(ref _unmatchedFrames);
                return;
            }
            exchange.Progressed();
            if (ack.State == AckState.Partial)
            {
                _connection.TryResend(exchange.Question, exchange.Question.Select(ack.Missing));
            }
        }
    }

    private void OnReject(Frame frame, Rejection rejection)
    {
        if (!_deviceHello.Task.IsCompletedSuccessfully)
        {
            // PROTOCOL.md §7.1(3): a Reject from before our session began (a stale NoSession on a shared
            // line, meant for an earlier host) says nothing about this handshake.
            Interlocked.Increment(ref _unmatchedFrames);
            return;
        }
        if (rejection.Reason == RejectReason.NoSession)
        {
            _connection.Close(new LinkClosedException("The device has no session with this host (it restarted); reconnect."));
            return;
        }
        Exchange? exchange;
        lock (_lock)
        {
            if (_exchanges.TryGetValue(frame.Reference, out exchange))
            {
                Forget(exchange);
            }
        }
        if (exchange is null)
        {
            Interlocked.Increment(ref _unmatchedFrames);    // a repeated Reject for a question already failed
            return;
        }
        Exception failure = rejection.Reason == RejectReason.DeviceOff
            ? new DeviceSwitchedOffException($"The device is switched off: {rejection.Detail}".TrimEnd(' ', ':'))
            : new TransportProtocolException(
                $"The device rejected the {exchange.Question.Kind.ToString().ToLowerInvariant()}: {rejection.Reason} {rejection.Detail}".TrimEnd());
        Finish(exchange, null, failure);
    }

    private void OnPong(Frame frame)
    {
        TaskCompletionSource? ping;
        lock (_lock)
        {
            _pings.Remove(frame.Reference, out ping);
        }
        if (ping is null)
        {
            Interlocked.Increment(ref _unmatchedFrames);
            return;
        }
        ping.TrySetResult();
    }

    /// <summary>Answers AckRequested with how far the message got (PROTOCOL.md §8.2); session lock held.</summary>
    private void AckIfRequested(Frame frame, uint id, Acknowledgement? ack)
    {
        if ((frame.Flags & FrameFlags.AckRequested) != 0)
        {
            SendLinkFrame(FrameType.Ack, id, (ack ?? _answers.Describe(id)).Encode());
        }
    }

    /// <summary>Removes an exchange from the maps; session lock held. <see cref="Finish"/> completes it outside the lock.</summary>
    private void Forget(Exchange exchange)
    {
        _exchanges.Remove(exchange.Question.Id);
        if (exchange.AnswerId is { } answerId)
        {
            _byAnswerId.Remove(answerId);
        }
    }

    private void Finish(Exchange? exchange, InboundMessage? answer, Exception? failure)
    {
        if (exchange is not null && exchange.TryFinish(answer, failure))
        {
            _window.Release(exchange.Lease);
        }
    }

    private void SendLinkFrame(FrameType type, uint reference, byte[] payload) =>
        _connection.TrySendFrame(type, reference, payload, out _);

    private LinkClosedException NewLinkClosedException()
    {
        Exception? cause;
        lock (_lock)
        {
            cause = _closeCause;
        }
        return cause switch
        {
            null => new LinkClosedException(),
            LinkClosedException closed => new LinkClosedException(closed.Message),
            _ => new LinkClosedException($"The link to the device failed: {cause.Message}", cause),
        };
    }
}
