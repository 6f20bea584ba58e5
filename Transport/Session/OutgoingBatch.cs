using System.Diagnostics.CodeAnalysis;
using HemSim.Transport.Framing;

namespace HemSim.Transport.Session;

/// <summary>
/// Frames of one message still to write: all of them the first time, or those a peer asked for again.
/// Used by the write loop only.
/// </summary>
internal sealed class OutgoingBatch(OutgoingMessage message, List<uint> indices, bool retransmission, bool askAck, int epoch)
{
    private int _next;      // position in indices of the next frame to write

    /// <summary>The connection's message epoch when the batch was queued: a batch of an older one is dropped.</summary>
    public int Epoch { get; } = epoch;

    public bool TryNext([NotNullWhen(true)] out Frame? frame)
    {
        if (_next == indices.Count)
        {
            frame = null;
            return false;
        }
        FrameFlags flags = retransmission ? FrameFlags.Retransmission : FrameFlags.None;
        if (askAck && _next == indices.Count - 1)
        {
            flags |= FrameFlags.AckRequested;
        }
        frame = message.GetFrame(indices[_next++], flags);
        return true;
    }

    /// <summary>Reports the end of a first transmission to whoever waits for it; retransmissions report nothing.</summary>
    public void Finish(bool written)
    {
        if (!retransmission)
        {
            message.SetWritten(written);
        }
    }
}
