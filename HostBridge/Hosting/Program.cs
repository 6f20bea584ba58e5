using System.CommandLine;
using HemSim.HostBridge.Hosting.Certificates;
using HemSim.HostBridge.Serial;

namespace HemSim.HostBridge.Hosting;

/// <summary>
/// <c>dotnet run --project HostBridge -- [options]</c>: boots a simulated device — or the N chips of an EPA rack,
/// <c>--chips N</c> — links it through the embedded transport (or attaches to one on a serial port, <c>--serial</c>,
/// <c>PATH.c1</c> … <c>PATH.cN</c> for a rack) and serves it over HTTP and HTTPS until Ctrl+C or SIGTERM.
/// </summary>
internal static class Program
{
    /// <summary>Exit code for a bad option value or an unknown argument.</summary>
    public const int UsageError = CommandLineRunner.UsageError;

    /// <summary>Exit code when the bridge cannot start (port taken, damaged CA files, …).</summary>
    public const int StartupError = CommandLineRunner.StartupError;

    private const string ErrorPrefix = "hemsim-bridge: error: ";

    internal const string SeedWarning = DeviceOptionSet.SeedWarning;

    public static Task<int> Main(string[] args) =>
        RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, ServeAsync, new InvocationConfiguration());

    /// <summary>Parses, then serves with <paramref name="serve"/>; the seam that tests drive.</summary>
    internal static async Task<int> RunAsync(
        string[] args,
        Func<string, string?> environment,
        TextWriter stdout,
        TextWriter stderr,
        Func<BridgeSettings, TextWriter, TextWriter, CancellationToken, Task<int>> serve,
        InvocationConfiguration invocation)
    {
        var command = new BridgeCommand();
        return await CommandLineRunner.RunAsync<BridgeSettings>(
            command.Root, args, ErrorPrefix, stdout, stderr, invocation,
            (ParseResult parse, out BridgeSettings? settings, out IReadOnlyList<string> errors) =>
                command.TryReadSettings(parse, environment, out settings, out errors),
            // With --serial the seed belongs to the launcher, which prints its own warning.
            settings => settings.Serial is null && settings.Device.Seed is not null,
            // Expected start-up failures (a port in use, an unreadable data folder) get one line, no stack trace.
            exception => exception is BridgeStartupException or IOException or UnauthorizedAccessException,
            (settings, cancellationToken) => serve(settings, stdout, stderr, cancellationToken));
    }

    /// <summary>Device(s) → embedded link(s) → bridge, or device(s) on serial ports; serves until cancelled.</summary>
    private static async Task<int> ServeAsync(BridgeSettings settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // Owner-only from the start: the folder will hold the device's flash and secret and the CA key.
        PrivateFile.EnsureFolder(settings.Bridge.DataDirectory);
        if (settings.Serial is { } serial)
        {
            // The listeners start whether or not the devices are there yet; until one is, its requests get 503.
            var remotes = new List<ReconnectingDeviceChannel>(settings.Chips);
            try
            {
                for (int chip = 1; chip <= settings.Chips; chip++)
                {
                    remotes.Add(ReconnectingDeviceChannel.Start(
                        serial with { Path = RackLayout.ChipPort(serial.Path, chip, settings.Chips) }, stderr));
                }
                return await ServeChipsAsync(settings, remotes.Select(remote => new RackChip(remote, remote)).ToArray(), stdout, cancellationToken);
            }
            finally
            {
                foreach (ReconnectingDeviceChannel remote in remotes)
                {
                    await remote.DisposeAsync();
                }
            }
        }

        await using EmbeddedRack rack = await EmbeddedRack.StartAsync(settings.Device, settings.Chips, settings.Bridge.Hostname, cancellationToken);
        return await ServeChipsAsync(settings, rack.Chips, stdout, cancellationToken);
    }

    /// <summary>
    /// Starts the listeners in front of <paramref name="chips"/>, prints the READY line and serves until cancelled. The
    /// READY line is the same for a rack: its parsers anchor at the end of the line, so nothing is appended.
    /// </summary>
    private static async Task<int> ServeChipsAsync(BridgeSettings settings, IReadOnlyList<RackChip> chips, TextWriter stdout, CancellationToken cancellationToken)
    {
        await using BridgeHost host = await BridgeHost.StartAsync(settings.Bridge, chips, TimeProvider.System, cancellationToken);

        await stdout.WriteLineAsync(host.ReadyLine);
        await stdout.FlushAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: leave, stopping the listeners, then the link, then the device.
        }

        return 0;
    }
}
