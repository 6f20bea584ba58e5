using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;

namespace HemSim.Transport.Links;

/// <summary>
/// Paces what one end writes to the line rate of a UART at <see cref="BaudRate"/> baud, 8N1: ten bit times per
/// byte (start bit, eight data bits, stop bit), so 115,200 baud carries 11,520 bytes a second. Links that move
/// bytes at memory speed (a pseudo-terminal, the in-memory link) wrap themselves in it so test rigs see the
/// timing of a real serial line. Only writes are paced; each end of a link paces its own.
/// </summary>
/// <remarks>
/// Bytes leave in slices of about <see cref="s_sliceDuration"/> of line time, each delivered when a UART
/// sending it would have finished: never earlier, so latency and throughput are those of the line. A slice
/// that was already waiting when the line became free follows the previous one back to back, even if the timer
/// woke late (up to <see cref="s_catchUpLimit"/>), so timer jitter does not slow a long transfer down; a slice
/// that arrives on an idle line starts when it arrives. Reading passes straight through to the inner link.
/// </remarks>
public sealed class ThrottledLink : IDuplexPipe, IAsyncDisposable
{
    /// <summary>Bits on the wire per byte with 8N1 framing.</summary>
    public const int BitsPerByte = 10;

    private static readonly TimeSpan s_sliceDuration = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan s_catchUpLimit = TimeSpan.FromMilliseconds(20);

    private readonly IDuplexPipe _inner;
    private readonly Pipe _pending;
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _sliceBytes;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    /// <summary>Paces writes to <paramref name="inner"/>, which stays the caller's to close.</summary>
    public ThrottledLink(IDuplexPipe inner, int baudRate)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baudRate);
        _inner = inner;
        BaudRate = baudRate;
        _sliceBytes = Math.Max(1, (int)(BytesPerSecond(baudRate) * s_sliceDuration.TotalSeconds));
        // A writer's flush completes only when all but a few slices are on the line, as with a UART's small
        // FIFO, so a session's "written" means on the wire and its retransmission timer starts then, not early.
        _pending = new Pipe(new PipeOptions(pauseWriterThreshold: 4L * _sliceBytes, resumeWriterThreshold: 2L * _sliceBytes,
            useSynchronizationContext: false));
        new Thread(Pump) { IsBackground = true, Name = $"HemSim line at {baudRate} baud" }.Start();
    }

    public int BaudRate { get; }

    public PipeReader Input => _inner.Input;

    public PipeWriter Output => _pending.Writer;

    /// <summary>Payload bytes per second an 8N1 line carries at <paramref name="baudRate"/>.</summary>
    public static double BytesPerSecond(int baudRate) => (double)baudRate / BitsPerByte;

    /// <summary>Stops pacing at once; bytes not yet on the line are dropped, as when a cable is pulled.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _stopping.Cancel();
        await _stopped.Task.ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>
    /// Runs on its own thread because a UART's timing needs a precise clock: a blocking wait wakes within a
    /// fraction of a millisecond, whereas <c>Task.Delay</c> rides the runtime's timer queue, which on some
    /// machines only fires every few milliseconds (4 ms on the benchmark machine, docs/PERFORMANCE.md).
    /// </summary>
    private void Pump()
    {
        PipeReader source = _pending.Reader;
        PipeWriter line = _inner.Output;
        CancellationToken stopping = _stopping.Token;
        long lineFreeAt = Stopwatch.GetTimestamp();     // when the line has sent everything scheduled so far
        long catchUpLimit = (long)(s_catchUpLimit.TotalSeconds * Stopwatch.Frequency);
        Exception? failure = null;
        try
        {
            while (true)
            {
                ValueTask<ReadResult> reading = source.ReadAsync(stopping);
                bool waiting = reading.IsCompleted;         // bytes were queued before the line became free
                ReadResult result = reading.AsTask().GetAwaiter().GetResult();
                ReadOnlySequence<byte> buffer = result.Buffer;
                if (buffer.IsEmpty && result.IsCompleted)
                {
                    break;      // the writer is done and everything it wrote is on the line
                }

                ReadOnlySequence<byte> slice = buffer.Slice(0, Math.Min(buffer.Length, _sliceBytes));
                long now = Stopwatch.GetTimestamp();
                long start = waiting ? Math.Max(lineFreeAt, now - catchUpLimit) : Math.Max(lineFreeAt, now);
                lineFreeAt = start + (long)(ByteTime(slice.Length).TotalSeconds * Stopwatch.Frequency);
                TimeSpan wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), lineFreeAt);
                // Waits count whole milliseconds and would cut a shorter one to nothing: round up instead.
                if (wait > TimeSpan.Zero && stopping.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds))))
                {
                    break;      // disposed
                }

                foreach (ReadOnlyMemory<byte> segment in slice)
                {
                    line.Write(segment.Span);
                }
                source.AdvanceTo(slice.End);
                FlushResult flushed = line.FlushAsync(stopping).AsTask().GetAwaiter().GetResult();
                if (flushed.IsCompleted)
                {
                    break;      // the far side stopped reading
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)     // pump boundary: the inner link failed; the writer above sees its pipe end
        {
            failure = exception;
        }
        finally
        {
            source.Complete(failure);
            line.Complete(failure);
            _stopped.TrySetResult();
        }
    }

    private TimeSpan ByteTime(long bytes) => TimeSpan.FromSeconds(bytes * (double)BitsPerByte / BaudRate);
}
