using System.IO.Pipelines;

namespace HemSim.Transport.Links;

/// <summary>
/// Turns a duplex byte stream (a serial port, a terminal) into the two pipe ends a session reads and writes,
/// like Kestrel's stream-based transports. The link that owns the stream closes it: completing a pipe end
/// leaves the stream open, because the other direction may still be in use.
/// </summary>
internal static class StreamLink
{
    /// <summary>Large enough that a maximum-size frame (64 KiB payload) is one read, not sixteen.</summary>
    private const int BufferSize = 64 * 1024;

    public static (PipeReader Input, PipeWriter Output) Wrap(Stream stream) =>
    (
        PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: BufferSize, minimumReadSize: 4096, leaveOpen: true)),
        PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: BufferSize, leaveOpen: true))
    );
}
