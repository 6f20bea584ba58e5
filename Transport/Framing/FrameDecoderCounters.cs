namespace HemSim.Transport.Framing;

/// <summary>
/// What a <see cref="FrameDecoder"/> has seen. Written by the one reading thread; read from anywhere.
/// </summary>
internal sealed class FrameDecoderCounters
{
    private readonly long[] _errors = new long[Enum.GetValues<FrameError>().Length];
    private long _frames;
    private long _droppedBytes;

    /// <summary>Frames that passed every check.</summary>
    public long Frames => Volatile.Read(ref _frames);

    /// <summary>Bytes thrown away: rejected blocks and the discarded part of oversized frames.</summary>
    public long DroppedBytes => Volatile.Read(ref _droppedBytes);

    /// <summary>Rejected blocks of all kinds.</summary>
    public long Errors
    {
        get
        {
            long total = 0;
            foreach (FrameError error in Enum.GetValues<FrameError>())
            {
                total += this[error];
            }
            return total;
        }
    }

    public long this[FrameError error] => Volatile.Read(ref _errors[(int)error]);

    internal void AddFrame() => Interlocked.Increment(ref _frames);

    internal void AddError(FrameError error) => Interlocked.Increment(ref _errors[(int)error]);

    internal void AddDroppedBytes(long count) => Interlocked.Add(ref _droppedBytes, count);

    public override string ToString() =>
        $"frames={Frames} errors={Errors} dropped={DroppedBytes} " +
        string.Join(' ', Enum.GetValues<FrameError>().Select(e => $"{e}={this[e]}"));
}
