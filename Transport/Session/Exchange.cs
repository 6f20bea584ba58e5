using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>
/// One question the host has sent (a request or a control message) until its answer is whole: the frames
/// kept for retransmission, the window slot it holds, the answer's id once its first frame arrived, and
/// when the device last showed progress on it (PROTOCOL.md §8.4). Fields marked "session lock" are guarded
/// by the host session's lock.
/// </summary>
internal sealed class Exchange(OutgoingMessage question, SendWindow.Lease lease, TimeProvider clock)
{
    private readonly CancellationTokenSource _stopping = new();     // stops the retransmission timer; never disposed, it owns no timer
    private long _lastProgress = clock.GetTimestamp();

    public OutgoingMessage Question { get; } = question;

    public SendWindow.Lease Lease { get; } = lease;

    /// <summary>The kind of answer that completes this exchange.</summary>
    public MessageKind AnswerKind { get; } = question.Kind == MessageKind.Control ? MessageKind.ControlResult : MessageKind.Response;

    /// <summary>Completed with the whole answer, or failed; continuations never run on the completing thread.</summary>
    public TaskCompletionSource<InboundMessage> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Id of the answer message once its first frame arrived (session lock).</summary>
    public uint? AnswerId { get; set; }

    /// <summary>Retransmissions since the device last showed progress (session lock or timer loop).</summary>
    public int SilentRounds { get; set; }

    public bool IsDone => Answer.Task.IsCompleted;

    public CancellationToken Stopping => _stopping.Token;

    public TimeSpan Idle => clock.GetElapsedTime(Interlocked.Read(ref _lastProgress));

    /// <summary>The device showed progress: an Ack, or a frame of the answer.</summary>
    public void Progressed()
    {
        Interlocked.Exchange(ref _lastProgress, clock.GetTimestamp());
        SilentRounds = 0;
    }

    /// <summary>We just retransmitted: wait a full timeout from now, but it counts as a silent round.</summary>
    public void Retransmitted()
    {
        Interlocked.Exchange(ref _lastProgress, clock.GetTimestamp());
        SilentRounds++;
    }

    /// <summary>Ends the exchange once; false when it had ended already.</summary>
    public bool TryFinish(InboundMessage? answer, Exception? error)
    {
        bool finished = answer is { } message ? Answer.TrySetResult(message) : Answer.TrySetException(error!);
        if (finished)
        {
            _stopping.Cancel();
        }
        return finished;
    }
}
