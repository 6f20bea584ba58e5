using System.Diagnostics.CodeAnalysis;
using HemSim.Transport.Framing;

namespace HemSim.Transport.Session;

/// <summary>
/// The device's memory of the questions of the current session (PROTOCOL.md §8.5), the heart of "a repeated
/// request never runs twice". A question id (its first frame's sequence number) is, in this order:
/// <list type="bullet">
/// <item>accepted — whole, queued or being carried out; a repeat is only acknowledged;</item>
/// <item>answered — its answer is kept and sent again for a repeat (beyond the byte limit the content of
/// the oldest answers is discarded; the id is still known, so a repeat is refused, never run);</item>
/// <item>finished — before the host's low-water mark: the host has its answer or gave up, and sends nothing
/// more of it, so the device forgets it. A frame of it is ignored.</item>
/// </list>
/// The low-water mark comes with every question (the reference of its first frame: the oldest question the
/// host still has outstanding). A host that sends none (reference 0) gets the fallback: the oldest answers
/// beyond the capacity are forgotten and every id up to theirs counts as finished, which is exact for a
/// host that waits for each answer before asking again. Ids are in serial-number order.
/// </summary>
internal sealed class RequestLedger(int capacity, long maxBytes)
{
    private readonly HashSet<uint> _accepted = [];
    private readonly Dictionary<uint, DeviceAnswer?> _answers = [];     // by question id; null once the content was discarded
    private readonly Dictionary<uint, uint> _questionOfAnswer = [];     // answer message id → question id
    private readonly Queue<uint> _answerOrder = new();                  // question ids, oldest answer first (may hold removed ids)
    private long _bytes;                                                // sizes of kept answer contents
    private int _withContent;                                           // answers whose content is kept
    private uint? _firstUnfinished;                                     // ids before it are finished
    private bool _hostSendsLowWater;                                    // the host gives its low-water mark
    private int _mostAccepted;

    public int Accepted => _accepted.Count;

    /// <summary>High-water mark of <see cref="Accepted"/> since the session began.</summary>
    public int MostAccepted => _mostAccepted;

    public int Answers => _answers.Count;

    public void Accept(uint id)
    {
        _accepted.Add(id);
        _mostAccepted = Math.Max(_mostAccepted, _accepted.Count);
    }

    public bool IsAccepted(uint id) => _accepted.Contains(id);

    /// <summary>True for an id the host has finished with: nothing of it may run (again).</summary>
    public bool IsFinished(uint id) => _firstUnfinished is { } first && SequenceNumber.IsBefore(id, first);

    /// <summary>
    /// The host says every question before <paramref name="lowWater"/> is finished (it came with question
    /// <paramref name="id"/>); a mark after the question carrying it is nonsense and ignored.
    /// </summary>
    public void AdvanceLowWater(uint lowWater, uint id)
    {
        if (lowWater == SequenceNumber.None || SequenceNumber.IsBefore(id, lowWater))
        {
            return;
        }
        _hostSendsLowWater = true;
        if (_firstUnfinished is { } first && !SequenceNumber.IsBefore(first, lowWater))
        {
            return;
        }
        _firstUnfinished = lowWater;
        foreach (uint finished in _answers.Keys.Where(IsFinished).ToList())
        {
            Forget(finished);
        }
    }

    /// <summary>Records the answer to <paramref name="id"/> and trims the oldest answers beyond the limits.</summary>
    public void SetAnswer(uint id, DeviceAnswer answer)
    {
        _accepted.Remove(id);
        if (!_answers.TryAdd(id, answer))
        {
            return;     // answered already: the first answer stands
        }
        if (answer is MessageAnswer message)
        {
            _questionOfAnswer[message.Message.Id] = id;
        }
        _answerOrder.Enqueue(id);
        _bytes += answer.Size;
        _withContent++;
        Trim();
    }

    /// <summary>
    /// True when <paramref name="id"/> was answered; <paramref name="answer"/> is null when its content was
    /// discarded under the limits.
    /// </summary>
    public bool TryGetAnswer(uint id, out DeviceAnswer? answer) => _answers.TryGetValue(id, out answer);

    /// <summary>The kept answer whose message id is <paramref name="answerId"/> (what a host's Ack refers to).</summary>
    public bool TryGetAnswerMessage(uint answerId, [NotNullWhen(true)] out MessageAnswer? answer)
    {
        answer = _questionOfAnswer.TryGetValue(answerId, out uint id) && _answers.TryGetValue(id, out DeviceAnswer? kept)
            ? kept as MessageAnswer
            : null;
        return answer is not null;
    }

    /// <summary>Forgets everything (a new session: its ids start over).</summary>
    public void Reset()
    {
        _accepted.Clear();
        _answers.Clear();
        _questionOfAnswer.Clear();
        _answerOrder.Clear();
        _bytes = 0;
        _withContent = 0;
        _firstUnfinished = null;
        _hostSendsLowWater = false;
        _mostAccepted = 0;
    }

    private void Trim()
    {
        while (_answerOrder.TryPeek(out uint oldest))
        {
            if (!_answers.TryGetValue(oldest, out DeviceAnswer? answer))
            {
                _answerOrder.Dequeue();     // forgotten already by the low-water mark
                continue;
            }
            // With a low-water mark the host bounds what is kept; only the bytes need a limit then.
            bool overCount = !_hostSendsLowWater && _answers.Count > capacity;
            bool overBytes = _bytes > maxBytes && _withContent > 1;
            if (!overCount && !overBytes)
            {
                return;
            }
            _answerOrder.Dequeue();
            if (_hostSendsLowWater)
            {
                // The host may still ask for it: keep the id, so that a repeat is refused rather than run.
                DropContent(oldest, answer);
                _answers[oldest] = null;
            }
            else
            {
                Forget(oldest);
                if (_firstUnfinished is not { } first || !SequenceNumber.IsBefore(SequenceNumber.Next(oldest), first))
                {
                    _firstUnfinished = SequenceNumber.Next(oldest);
                }
            }
        }
    }

    private void Forget(uint id)
    {
        if (_answers.Remove(id, out DeviceAnswer? answer))
        {
            DropContent(id, answer);
        }
    }

    private void DropContent(uint id, DeviceAnswer? answer)
    {
        if (answer is null)
        {
            return;
        }
        _bytes -= answer.Size;
        _withContent--;
        if (answer is MessageAnswer message && _questionOfAnswer.TryGetValue(message.Message.Id, out uint owner) && owner == id)
        {
            _questionOfAnswer.Remove(message.Message.Id);
        }
    }
}
