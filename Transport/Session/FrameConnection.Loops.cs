using System.Buffers;
using System.IO.Pipelines;
using HemSim.Transport.Diagnostics;
using HemSim.Transport.Framing;

namespace HemSim.Transport.Session;

/// <summary>
/// The two loops of a connection. The read loop decodes and dispatches; the write loop writes link frames
/// first and message frames in between, one frame at a time, so that a link frame waits for at most one
/// message frame.
/// </summary>
internal sealed partial class FrameConnection
{
    private async Task ReadLoopAsync()
    {
        PipeReader input = _link.Input;
        Exception? cause = null;
        try
        {
            while (true)
            {
                ReadResult result = await input.ReadAsync(_stopping.Token).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                while (_decoder.TryReadFrame(ref buffer, out Frame? frame))
                {
                    _tap?.Record(FrameDirection.Inbound, frame);
                    Dispatch(frame);
                }
                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)     // the link failed (I/O error) or a session callback broke: the link is done
        {
            cause = exception;
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
            Close(cause);
        }
    }

    private void Dispatch(Frame frame)
    {
        if (frame.Type == FrameType.Ping)
        {
            ReadOnlyMemory<byte> echo = frame.Payload[..Math.Min(frame.Payload.Length, FrameLayout.MinPayloadLimit)];
            TrySendFrame(FrameType.Pong, frame.Sequence, echo, out _);
            return;
        }
        _handler.OnFrame(frame);
    }

    private async Task WriteLoopAsync()
    {
        PipeWriter output = _link.Output;
        Exception? cause = null;
        OutgoingBatch? current = null;
        Task<bool>? linkReady = null;       // pending waits are kept across idle rounds: a single-reader
        Task<bool>? messageReady = null;    // channel allows one outstanding wait per reader
        try
        {
            while (true)
            {
                if (_linkFrames.Reader.TryRead(out Frame? linkFrame))
                {
                    if (!await WriteAsync(output, linkFrame).ConfigureAwait(false))
                    {
                        return;
                    }
                    continue;
                }
                if (current is not null)
                {
                    if (current.Epoch != Volatile.Read(ref _messageEpoch))
                    {
                        current.Finish(written: false);
                        current = null;
                    }
                    else if (current.TryNext(out Frame? frame))
                    {
                        if (!await WriteAsync(output, frame).ConfigureAwait(false))
                        {
                            return;
                        }
                    }
                    else
                    {
                        current.Finish(written: true);
                        current = null;
                    }
                    continue;
                }
                if (_messages.Reader.TryRead(out current))
                {
                    continue;
                }
                linkReady ??= _linkFrames.Reader.WaitToReadAsync(_stopping.Token).AsTask();
                messageReady ??= _messages.Reader.WaitToReadAsync(_stopping.Token).AsTask();
                Task<bool> first = await Task.WhenAny(linkReady, messageReady).ConfigureAwait(false);
                if (!await first.ConfigureAwait(false))
                {
                    return;     // the queues were completed: closing
                }
                if (first == linkReady)
                {
                    linkReady = null;
                }
                else
                {
                    messageReady = null;
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)     // the link failed (I/O error): the link is done
        {
            cause = exception;
        }
        finally
        {
            current?.Finish(written: false);
            while (_messages.Reader.TryRead(out OutgoingBatch? left))
            {
                left.Finish(written: false);
            }
            await output.CompleteAsync().ConfigureAwait(false);
            Close(cause);
        }
    }

    /// <summary>Writes and flushes one frame; false when the peer stopped reading (the link is gone).</summary>
    private async ValueTask<bool> WriteAsync(PipeWriter output, Frame frame)
    {
        FrameEncoder.Write(output, frame.Type, frame.Flags, frame.Sequence, frame.Reference, frame.Payload.Span);
        FlushResult flushed = await output.FlushAsync(_stopping.Token).ConfigureAwait(false);
        Interlocked.Increment(ref _framesWritten);
        if ((frame.Flags & FrameFlags.Retransmission) != 0)
        {
            Interlocked.Increment(ref _framesRetransmitted);
        }
        _tap?.Record(FrameDirection.Outbound, frame);
        return !flushed.IsCompleted && !flushed.IsCanceled;
    }
}
