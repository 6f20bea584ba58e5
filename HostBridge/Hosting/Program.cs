using System.CommandLine;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Forwarding;
using HemSim.HostBridge.Hosting.Certificates;
using HemSim.HostBridge.Serial;
using HemSim.Transport;
using HemSim.Transport.Control;
using HemSim.Transport.Session;

namespace HemSim.HostBridge.Hosting;

/// <summary>
/// <c>dotnet run --project HostBridge -- [options]</c>: boots a simulated device, links it through
/// the embedded transport (or attaches to one on a serial port, <c>--serial</c>) and serves it over HTTP
/// and HTTPS until Ctrl+C or SIGTERM.
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

    /// <summary>Device → embedded link → bridge, or a device on a serial port; serves until cancelled.</summary>
    private static async Task<int> ServeAsync(BridgeSettings settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // Owner-only from the start: the folder will hold the device's flash and secret and the CA key.
        PrivateFile.EnsureFolder(settings.Bridge.DataDirectory);
        if (settings.Serial is { } serial)
        {
            // The listeners start whether or not the device is there yet; until it is, requests get 503.
            await using ReconnectingDeviceChannel remote = ReconnectingDeviceChannel.Start(serial, stderr);
            return await ServeChannelAsync(settings, remote, remote, stdout, cancellationToken);
        }

        await using HemDevice device = HemDevice.Boot(settings.Device);
        // The embedded device's control channel offers its TLS identity, which the HTTPS listener serves.
        var deviceSession = DeviceSessionOptions.Default with
        {
            ControlHandler = (request, ct) => TlsIdentityTransfer.HandleAsync(device, request, ct),
        };
        await using IDeviceChannel channel = await EmbeddedDevice.StartAsync(
            device.ProcessAsync, device.Identity, deviceSession, hostOptions: null, cancellationToken);
        // A shut-down device answers nothing: 503 until it powers on again (spec §11.17), as for a serial device away.
        return await ServeChannelAsync(settings, new PoweredDeviceChannel(channel, () => device.IsPoweredOn), (IDeviceControl)channel, stdout, cancellationToken);
    }

    /// <summary>Starts the listeners in front of <paramref name="channel"/>, prints the READY line and serves until cancelled.</summary>
    private static async Task<int> ServeChannelAsync(BridgeSettings settings, IDeviceChannel channel, IDeviceControl control, TextWriter stdout, CancellationToken cancellationToken)
    {
        await using BridgeHost host = await BridgeHost.StartAsync(settings.Bridge, channel, control, cancellationToken);

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
