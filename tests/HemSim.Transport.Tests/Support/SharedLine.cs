using System.IO.Pipelines;

namespace HemSim.Transport.Tests.Support;

/// <summary>
/// One end of a link that outlives the programs using it, like a pseudo-terminal that stays open while the
/// bridge restarts: each <see cref="Attach"/> gives a fresh view whose completion leaves the line open.
/// Bytes a view had read but not consumed are lost with it, as with a process that dies.
/// </summary>
internal sealed class SharedLine(IDuplexPipe line)
{
    public IDuplexPipe Attach() => new View(
        PipeReader.Create(line.Input.AsStream(leaveOpen: true), new StreamPipeReaderOptions(leaveOpen: true)),
        PipeWriter.Create(line.Output.AsStream(leaveOpen: true), new StreamPipeWriterOptions(leaveOpen: true)));

    private sealed class View(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
