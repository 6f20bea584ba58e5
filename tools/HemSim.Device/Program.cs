using System.CommandLine;
using System.Runtime.InteropServices;
using HemSim.HostBridge.Hosting;

namespace HemSim.Device;

/// <summary>
/// <c>hemsim-device --port PATH [options]</c>: boots a simulated HEM and serves it on a serial port — an
/// existing one, or a virtual one it publishes at PATH — until Ctrl+C or SIGTERM. A host (the bridge with
/// <c>--serial PATH</c>, or any program that speaks docs/PROTOCOL.md) attaches to the port.
/// </summary>
internal static class Program
{
    /// <summary>Exit code for a bad option value or an unknown argument.</summary>
    public const int UsageError = CommandLineRunner.UsageError;

    /// <summary>Exit code when the device cannot start (port in use or not openable, unusable data folder), or its port failed.</summary>
    public const int StartupError = CommandLineRunner.StartupError;

    /// <summary>Start of the line printed on stdout once the port is open (one per chip of a rack); the port's path follows.</summary>
    public const string ReadyPrefix = "HEMSIM DEVICE READY port=";

    private const string ErrorPrefix = "hemsim-device: error: ";

    public static Task<int> Main(string[] args) =>
        RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, ServeAsync, new InvocationConfiguration());

    /// <summary>Parses, then serves with <paramref name="serve"/>; the seam that tests drive.</summary>
    internal static async Task<int> RunAsync(
        string[] args,
        Func<string, string?> environment,
        TextWriter stdout,
        TextWriter stderr,
        Func<LauncherSettings, TextWriter, TextWriter, CancellationToken, Task<int>> serve,
        InvocationConfiguration invocation)
    {
        var command = new DeviceCommand();
        return await CommandLineRunner.RunAsync<LauncherSettings>(
            command.Root, args, ErrorPrefix, stdout, stderr, invocation,
            (ParseResult parse, out LauncherSettings? settings, out IReadOnlyList<string> errors) =>
                command.TryReadSettings(parse, environment, out settings, out errors),
            settings => settings.Device.Seed is not null,
            // Expected start-up failures (port in use or missing, unreadable data folder) get one line, no stack trace.
            exception => exception is IOException or UnauthorizedAccessException or PlatformNotSupportedException,
            (settings, cancellationToken) => serve(settings, stdout, stderr, cancellationToken));
    }

    /// <summary>
    /// Port(s) → device(s) → session(s); prints the READY line(s) and serves until cancelled or a port fails. A rack
    /// (<c>--chips N</c>) prints one READY line per chip, in chip order (<c>port=PATH.c1</c> … <c>port=PATH.cN</c>),
    /// each in the single device's format, so a parser that reads one line finds chip 1.
    /// </summary>
    internal static async Task<int> ServeAsync(LauncherSettings settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // System.CommandLine starts handling SIGTERM/SIGINT only once this method first yields, which may be
        // after the READY line; a rig that stops the device as soon as it reads READY must still get a clean exit.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        cancellationToken = stopping.Token;

        var chips = new List<LauncherChip>(settings.Chips);
        try
        {
            for (int chip = 1; chip <= settings.Chips; chip++)
            {
                chips.Add(await LauncherChip.StartAsync(settings, chip));
            }
            foreach (LauncherChip chip in chips)
            {
                await stdout.WriteLineAsync(ReadyPrefix + chip.Path);
            }
            await stdout.FlushAsync(cancellationToken);

            Task<Task> failed = Task.WhenAny(chips.Select(chip => chip.Completion));
            try
            {
                await failed.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return 0;   // Ctrl+C or SIGTERM: leave, closing each chip's session, tap, device, then port (unpublished)
            }

            LauncherChip closed = chips.First(chip => chip.Completion == failed.Result);
            await stderr.WriteLineAsync($"{ErrorPrefix}the {closed.Description} closed.");
            return StartupError;
        }
        finally
        {
            foreach (LauncherChip chip in Enumerable.Reverse(chips))
            {
                await chip.DisposeAsync();
            }
        }

        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stopping.Cancel();
        }
    }
}
