using System.IO.Pipelines;

namespace HemSim.Transport.Links;

/// <summary>A reader and a writer that together are one end of a link (Kestrel's <c>DuplexPipe</c>).</summary>
internal sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;

    public PipeWriter Output { get; } = output;
}
