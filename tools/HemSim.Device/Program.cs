using System.CommandLine;
using System.Runtime.InteropServices;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Hosting;
using HemSim.Transport.Diagnostics;
using HemSim.Transport.Session;

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

    /// <summary>Start of the one line printed on stdout once the port is open; the port's path follows.</summary>
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

    /// <summary>Port → device → session; prints the READY line and serves until cancelled or the port fails.</summary>
    internal static async Task<int> ServeAsync(LauncherSettings settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // System.CommandLine starts handling SIGTERM/SIGINT only once this method first yields, which may be
        // after the READY line; a rig that stops the device as soon as it reads READY must still get a clean exit.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        cancellationToken = stopping.Token;

        EnsurePrivateFolder(settings.Device.DataDirectory);
        await using DevicePort port = DevicePort.Open(settings.Port, settings.BaudRate);
        await using HemDevice device = HemDevice.Boot(settings.Device);
        using FrameTap? tap = settings.Tap is null ? null : FrameTap.Create(settings.Tap);
        var options = new DeviceSessionOptions { ControlHandler = new DeviceControl(device).HandleAsync, Tap = tap };
        await using DeviceSession session = DeviceSession.Start(port.Link, device.ProcessAsync, device.Identity, options);

        await stdout.WriteLineAsync(ReadyPrefix + settings.Port);
        await stdout.FlushAsync(cancellationToken);
        try
        {
            await session.Completion.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return 0;   // Ctrl+C or SIGTERM: leave, closing the session, the tap, the device, then the port (unpublished)
        }

        await stderr.WriteLineAsync($"{ErrorPrefix}the {port.Description} closed.");
        return StartupError;

        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stopping.Cancel();
        }
    }

    /// <summary>The flash and the device secret live here: owner-only from the start.</summary>
    private static void EnsurePrivateFolder(string? path)
    {
        if (path is null)
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
