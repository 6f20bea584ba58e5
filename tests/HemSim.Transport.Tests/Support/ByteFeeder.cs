using System.Buffers;
using HemSim.Transport.Framing;

namespace HemSim.Transport.Tests.Support;

/// <summary>
/// Plays the part of a pipe reader for a <see cref="FrameDecoder"/>: keeps what the decoder did not consume,
/// appends new bytes behind it, and hands the whole back on the next call (the Pipelines contract).
/// </summary>
internal sealed class ByteFeeder(FrameDecoder decoder)
{
    private byte[] _unconsumed = [];

    /// <summary>Bytes held because the decoder has not consumed them: what a pipe would keep in memory.</summary>
    public int Unconsumed => _unconsumed.Length;

    public List<Frame> Feed(ReadOnlySpan<byte> bytes)
    {
        _unconsumed = [.. _unconsumed, .. bytes];
        var buffer = new ReadOnlySequence<byte>(_unconsumed);
        var frames = new List<Frame>();
        while (decoder.TryReadFrame(ref buffer, out Frame? frame))
        {
            frames.Add(frame);
        }
        _unconsumed = buffer.ToArray();
        return frames;
    }
}
