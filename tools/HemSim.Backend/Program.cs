using System.CommandLine;
using HemSim.Backend.Hosting;
using HemSim.HostBridge.Hosting;

namespace HemSim.Backend;

/// <summary>
/// <c>dotnet run --project tools/HemSim.Backend -- [options]</c>: a local stand-in for the Encedo backend: check-in
/// (<c>https://api.encedo.com/checkin</c>, spec §8) and certificate registration at provisioning
/// (<c>/domain/register/…</c>, Registration/DomainRegistry.cs). Serves HTTPS with a certificate from the HemSim CA until Ctrl+C
/// or SIGTERM; prints <c>HEMSIM BACKEND READY url=https://ADDR:PORT</c> once listening.
/// </summary>
internal static class Program
{
    private const string ErrorPrefix = "hemsim-backend: error: ";

    public static Task<int> Main(string[] args) =>
        RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, TimeProvider.System, new InvocationConfiguration());

    /// <summary>Parses, then serves until cancelled; the seam tests drive.</summary>
    internal static Task<int> RunAsync(
        string[] args, Func<string, string?> environment, TextWriter stdout, TextWriter stderr, TimeProvider time, InvocationConfiguration invocation)
    {
        var command = new BackendCommand();
        return CommandLineRunner.RunAsync<BackendOptions>(
            command.Root, args, ErrorPrefix, stdout, stderr, invocation,
            (ParseResult parse, out BackendOptions? options, out IReadOnlyList<string> errors) =>
                command.TryReadSettings(parse, environment, out options, out errors),
            _ => false,
            exception => exception is BridgeStartupException or IOException or UnauthorizedAccessException,
            (options, cancellationToken) => ServeAsync(options, stdout, time, cancellationToken));
    }

    private static async Task<int> ServeAsync(BackendOptions options, TextWriter stdout, TimeProvider time, CancellationToken cancellationToken)
    {
        await using BackendHost host = await BackendHost.StartAsync(options, time, cancellationToken);
        await stdout.WriteLineAsync(host.ReadyLine);
        await stdout.FlushAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: stop listening and leave.
        }
        return 0;
    }
}
