using System.IO.Pipelines;

namespace HemSim.Transport.Links;

/// <summary>
/// A link inside one process: two pipes crossed so that what one end writes the other reads, like
/// Kestrel's <c>DuplexPipe.CreateConnectionPair</c>. The embedded default and the tests use it. Completing
/// one end's output completes the other end's input, which is how a closed link looks from the far side.
/// </summary>
public static class InMemoryLink
{
    /// <summary>Creates both ends of a new link.</summary>
    public static (IDuplexPipe Host, IDuplexPipe Device) CreatePair() => CreatePair(s_options);

    private static readonly PipeOptions s_options = new(useSynchronizationContext: false);

    internal static (IDuplexPipe Host, IDuplexPipe Device) CreatePair(PipeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var toDevice = new Pipe(options);
        var toHost = new Pipe(options);
        return (new DuplexPipe(toHost.Reader, toDevice.Writer), new DuplexPipe(toDevice.Reader, toHost.Writer));
    }
}
