using HemSim.Firmware.Device;
using HemSim.HostBridge.Hosting;
using HemSim.Transport.Diagnostics;
using HemSim.Transport.Session;

namespace HemSim.Device;

/// <summary>
/// One device the launcher serves: its port, the device, its optional frame tap and the device session. A rack
/// (<c>--chips N</c>, <see cref="RackLayout"/>) is N of them, each with its own port, flash, seed and tap, sharing
/// nothing but the process.
/// </summary>
internal sealed class LauncherChip : IAsyncDisposable
{
    private readonly DevicePort _port;
    private readonly HemDevice _device;
    private readonly FrameTap? _tap;
    private readonly DeviceSession _session;

    private LauncherChip(string path, DevicePort port, HemDevice device, FrameTap? tap, DeviceSession session)
    {
        Path = path;
        _port = port;
        _device = device;
        _tap = tap;
        _session = session;
    }

    /// <summary>Where the chip is served (the path given, or <c>PATH.c&lt;i&gt;</c> in a rack).</summary>
    public string Path { get; }

    /// <summary>For people, e.g. <c>virtual port /tmp/hemsim/ttyHEM0 → /dev/pts/3</c>.</summary>
    public string Description => _port.Description;

    /// <summary>Completes when the chip's port fails.</summary>
    public Task Completion => _session.Completion;

    /// <summary>Opens or publishes chip <paramref name="chip"/>'s port and boots its device.</summary>
    /// <exception cref="IOException">The port is in use or cannot be opened or created.</exception>
    public static async Task<LauncherChip> StartAsync(LauncherSettings settings, int chip)
    {
        string path = RackLayout.ChipPort(settings.Port, chip, settings.Chips);
        HemDeviceOptions options = RackLayout.ChipOptions(settings.Device, chip, settings.Chips);
        EnsurePrivateFolder(options.DataDirectory);
        DevicePort port = DevicePort.Open(path, settings.BaudRate);
        HemDevice? device = null;
        FrameTap? tap = null;
        try
        {
            device = HemDevice.Boot(options);
            tap = settings.Tap is null ? null : FrameTap.Create(RackLayout.ChipPort(settings.Tap, chip, settings.Chips));
            var sessionOptions = new DeviceSessionOptions { ControlHandler = new DeviceControl(device).HandleAsync, Tap = tap };
            DeviceSession session = DeviceSession.Start(port.Link, device.ProcessAsync, device.Identity, sessionOptions);
            return new LauncherChip(path, port, device, tap, session);
        }
        catch
        {
            tap?.Dispose();
            if (device is not null)
            {
                await device.DisposeAsync().ConfigureAwait(false);
            }
            await port.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the session, the tap, the device, then the port (a virtual port is unpublished).</summary>
    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync().ConfigureAwait(false);
        _tap?.Dispose();
        await _device.DisposeAsync().ConfigureAwait(false);
        await _port.DisposeAsync().ConfigureAwait(false);
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
