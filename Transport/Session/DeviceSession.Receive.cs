using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>
/// What the device does with each frame from the host (PROTOCOL.md §7, §8.5): the session handshake, and
/// for every frame of a question the one decision that keeps a repeated question from running twice.
/// Runs on the read loop.
/// </summary>
public sealed partial class DeviceSession
{
    void IFrameConnectionHandler.OnFrame(Frame frame)
    {
        switch (frame.Type)
        {
            case FrameType.Hello when Hello.TryDecode(frame.Payload.Span, out Hello? hello) && hello.Role == PeerRole.Host:
                OnHello(frame, hello);
                break;
            case FrameType.Request or FrameType.Control or FrameType.Response or FrameType.ControlResult or FrameType.Chunk:
                OnQuestionFrame(frame);
                break;
            case FrameType.Ack when Acknowledgement.TryDecode(frame.Payload.Span, out Acknowledgement? ack):
                OnAck(frame, ack);
                break;
            default:
                Interlocked.Increment(ref _ignoredFrames);     // Pong, Reject, unknown types, bad Hellos
                break;
        }
    }

    void IFrameConnectionHandler.OnClosed(Exception? cause)
    {
        _work.Writer.TryComplete();
        _stopping.Cancel();
    }

    private void OnHello(Frame frame, Hello hello)
    {
        lock (_lock)
        {
            if (_sessionId != hello.SessionId)
            {
                // A new session (first Hello, or a host that reconnected over the same line): forget the old
                // one entirely. Its queued work is dropped by epoch, its queued answers by the connection.
                _sessionId = hello.SessionId;
                _epoch++;
                _questions.Reset();
                _ledger.Reset();
                _taken.Clear();
                _takenBytes = 0;
                _connection.DiscardQueuedMessages();
            }
            // A repeated Hello of the current session (its answer was lost) only gets answered again.
            _connection.SetPeerLimits(hello.MaxFramePayload, hello.MaxMessageLength);
            SendHello(frame.Sequence, hello.SessionId);
        }
    }

    private void OnQuestionFrame(Frame frame)
    {
        uint id = MessageReassembler.MessageIdOf(frame);
        bool ackRequested = (frame.Flags & FrameFlags.AckRequested) != 0;
        lock (_lock)
        {
            if (_sessionId is null)
            {
                // After a restart the device cannot tell a new question from a repeat of one it ran before.
                if (frame.Type != FrameType.Chunk || ackRequested)
                {
                    Reject(id, new Rejection(RejectReason.NoSession, "No session: say Hello first."));
                }
                return;
            }
            if (MessageKinds.StartsMessage(frame.Type))
            {
                _ledger.AdvanceLowWater(frame.Reference, id);   // a question's first frame carries the host's low-water mark
            }
            if (_ledger.TryGetAnswer(id, out DeviceAnswer? answer))
            {
                Interlocked.Increment(ref _repeatedQuestions);
                if (ackRequested)
                {
                    Replay(id, answer);
                }
                return;
            }
            if (_ledger.IsAccepted(id))
            {
                Interlocked.Increment(ref _repeatedQuestions);
                if (ackRequested)
                {
                    SendAck(id, Acknowledgement.Complete);  // still working on it: the answer will come
                }
                return;
            }
            if (_ledger.IsFinished(id))
            {
                Interlocked.Increment(ref _staleFrames);
                return;
            }

            switch (_questions.Accept(frame, out InboundMessage? completed))
            {
                case FrameAcceptance.Completed:
                    Take(completed!.Value);
                    if (ackRequested && _ledger.IsAccepted(id))
                    {
                        SendAck(id, Acknowledgement.Complete);
                    }
                    break;
                case FrameAcceptance.TooLarge:
                    Answer(id, new RejectAnswer(new Rejection(RejectReason.MessageTooLarge,
                        $"The message exceeds the {_questions.MaxMessageLength} bytes this device accepts.")));
                    break;
                case FrameAcceptance.Stored or FrameAcceptance.Duplicate or FrameAcceptance.Conflict:
                    if (ackRequested)
                    {
                        SendAck(id, _questions.Describe(id));
                    }
                    break;
                default:
                    Interlocked.Increment(ref _ignoredFrames);
                    break;
            }
        }
    }

    /// <summary>A question became whole: queue it for the handler, or refuse it at once; session lock held.</summary>
    private void Take(InboundMessage message)
    {
        if (!MessageKinds.IsQuestion(message.Kind))
        {
            Answer(message.Sequence, new RejectAnswer(new Rejection(RejectReason.UnsupportedMessage,
                $"A device does not accept {message.Kind} messages.")));
            return;
        }
        if (!HasRoomFor(message.Content.Length))
        {
            // Beyond the window the host was given (§9): not taken, not acknowledged, and forgotten, so that the
            // host's retransmission brings it back whole and it is taken once there is room.
            _questions.Forget(message.Sequence);
            Interlocked.Increment(ref _questionsBeyondWindow);
            return;
        }
        if (!MessageCodec.TryDecode(message.Kind, message.Content.Span, out Message? decoded, out MessageError error))
        {
            Answer(message.Sequence, new RejectAnswer(new Rejection(RejectReason.MalformedMessage, error.ToString())));
            return;
        }
        Work work = decoded switch
        {
            RequestMessage request => new Work(_epoch, message.Sequence, ApiMessageMapping.ToApiRequest(request), null),
            ControlMessage control => new Work(_epoch, message.Sequence, null, ControlMessageMapping.ToRequest(control)),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
        _ledger.Accept(message.Sequence);
        _taken[message.Sequence] = message.Content.Length;
        _takenBytes += message.Content.Length;
        Interlocked.Increment(ref _queuedWork);
        _work.Writer.TryWrite(work);
    }

    /// <summary>
    /// Whether a whole question of <paramref name="size"/> bytes fits the window the device advertised
    /// (PROTOCOL.md §9): fewer than W questions taken and unanswered, and, unless none is, their sizes plus
    /// this one within B. Questions of ended sessions still queued for the handler count too (at most W more),
    /// so that a host starting session after session cannot pile up work either. Session lock held.
    /// </summary>
    private bool HasRoomFor(int size) =>
        _taken.Count < _options.ReceiveWindow
        && (_taken.Count == 0 || _takenBytes + size <= _options.ReceiveWindowBytes)
        && Volatile.Read(ref _queuedWork) < 2 * _options.ReceiveWindow;

    private void OnAck(Frame frame, Acknowledgement ack)
    {
        lock (_lock)
        {
            // The host asks for the frames of an answer it is missing; Complete needs nothing from us.
            if (ack.State == AckState.Partial && _ledger.TryGetAnswerMessage(frame.Reference, out MessageAnswer? answer)
                && answer.Message.IsWritten)
            {
                _connection.TryResend(answer.Message, answer.Message.Select(ack.Missing));
                return;
            }
        }
        Interlocked.Increment(ref _ignoredFrames);
    }

    /// <summary>Records and sends a Reject answer; session lock held.</summary>
    private void Answer(uint id, RejectAnswer answer)
    {
        _ledger.SetAnswer(id, answer);
        Reject(id, answer.Rejection);
    }

    /// <summary>The host repeated an answered question: answer it again, never run it again; session lock held.</summary>
    private void Replay(uint id, DeviceAnswer? answer)
    {
        switch (answer)
        {
            case null:
                Reject(id, new Rejection(RejectReason.AnswerDiscarded,
                    "The request was carried out once; its answer is no longer kept."));
                break;
            case RejectAnswer reject:
                Reject(id, reject.Rejection);
                break;
            case MessageAnswer { Message.IsWritten: true } message:
                // Only the first frame, with AckRequested: a host that lacks more answers Ack(Partial) naming exactly
                // what it misses (PROTOCOL.md §8.2, §8.5 rule 2). Every repeat of a poll — a duplicate, or one that
                // crossed the answer on the line — then costs one frame, not the whole answer again.
                _connection.TryResend(message.Message, [0u]);
                break;
            default:
                SendAck(id, Acknowledgement.Complete);  // the answer is still on its way out
                break;
        }
    }

    private void SendHello(uint reference, uint sessionId)
    {
        var hello = new Hello(Hello.CurrentProtocolVersion, PeerRole.Device, _options.MaxFramePayload,
            _options.MaxMessageLength, sessionId, (ushort)_options.ReceiveWindow, _identity)
        {
            ReceiveWindowBytes = (uint)_options.ReceiveWindowBytes,
        };
        _connection.TrySendFrame(FrameType.Hello, reference, hello.Encode(), out _);
    }

    private void SendAck(uint id, Acknowledgement ack) => _connection.TrySendFrame(FrameType.Ack, id, ack.Encode(), out _);

    private void Reject(uint id, Rejection rejection) =>
        _connection.TrySendFrame(FrameType.Reject, id, rejection.Encode(), out _);
}
