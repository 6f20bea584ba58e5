using System.Buffers;
using System.IO.Pipelines;
using HemSim.Transport.Framing;

namespace HemSim.Transport.Tests.Support;

/// <summary>What <see cref="FrameFilterLink"/> does with one frame.</summary>
internal enum FrameFate
{
    Pass,
    Drop,
    Duplicate,
}

/// <summary>
/// Wraps one end of a link and decides, frame by frame, what reaches the other side: a precise way to
/// lose "the first Response frame" or "chunk 10 of the request". Frames are recognised by decoding each
/// delimited block; the bytes passed on are the original ones.
/// </summary>
internal sealed class FrameFilterLink : IDuplexPipe
{
    private readonly Pipe _outgoing = new(new PipeOptions(useSynchronizationContext: false));
    private readonly Pipe _incoming = new(new PipeOptions(useSynchronizationContext: false));

    private FrameFilterLink(IDuplexPipe inner, Func<Frame, FrameFate> outgoing, Func<Frame, FrameFate> incoming)
    {
        _ = Task.Run(() => PumpAsync(_outgoing.Reader, inner.Output, outgoing));
        _ = Task.Run(() => PumpAsync(inner.Input, _incoming.Writer, incoming));
    }

    public PipeReader Input => _incoming.Reader;

    public PipeWriter Output => _outgoing.Writer;

    /// <param name="outgoing">Decides the fate of frames this end writes; null passes all.</param>
    /// <param name="incoming">Decides the fate of frames arriving at this end; null passes all.</param>
    public static FrameFilterLink Wrap(IDuplexPipe inner, Func<Frame, FrameFate>? outgoing = null, Func<Frame, FrameFate>? incoming = null) =>
        new(inner, outgoing ?? (_ => FrameFate.Pass), incoming ?? (_ => FrameFate.Pass));

    /// <summary>A filter that applies <paramref name="fate"/> to the first <paramref name="count"/> frames matching <paramref name="match"/>.</summary>
    public static Func<Frame, FrameFate> First(Func<Frame, bool> match, FrameFate fate = FrameFate.Drop, int count = 1)
    {
        int left = count;
        return frame => match(frame) && Interlocked.Decrement(ref left) >= 0 ? fate : FrameFate.Pass;
    }

    private static async Task PumpAsync(PipeReader source, PipeWriter destination, Func<Frame, FrameFate> decide)
    {
        var decoder = new FrameDecoder(FrameLayout.MaxPayloadLimit);
        Exception? failure = null;
        try
        {
            while (true)
            {
                ReadResult result = await source.ReadAsync();
                ReadOnlySequence<byte> buffer = result.Buffer;
                while (buffer.PositionOf((byte)0) is { } delimiter)
                {
                    byte[] block = buffer.Slice(0, delimiter).ToArray();
                    buffer = buffer.Slice(buffer.GetPosition(1, delimiter));
                    FrameFate fate = FrameFate.Pass;
                    var wire = new ReadOnlySequence<byte>([0, .. block, 0]);
                    if (block.Length > 0 && decoder.TryReadFrame(ref wire, out Frame? frame))
                    {
                        fate = decide(frame);
                    }
                    byte[] unit = [.. block, 0];
                    for (int copies = fate switch { FrameFate.Drop => 0, FrameFate.Duplicate => 2, _ => 1 }; copies > 0; copies--)
                    {
                        destination.Write(unit);
                    }
                }
                source.AdvanceTo(buffer.Start, buffer.End);
                FlushResult flushed = await destination.FlushAsync();
                if (result.IsCompleted || flushed.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception exception)
        {
            failure = exception;
        }
        finally
        {
            await source.CompleteAsync(failure);
            await destination.CompleteAsync(failure);
        }
    }
}
