using System.IO.Pipelines;
using HemSim.Transport.Links;

namespace HemSim.Device;

/// <summary>
/// The device's end of the line. An existing terminal that no HemSim device published (a USB-serial adapter,
/// one end of a socat pair) is opened through System.IO.Ports; anything else — nothing there, or a stale
/// symlink left by a device that was killed — becomes a new virtual port: a pseudo-terminal published at the
/// path. A path another running device owns is refused.
/// </summary>
internal sealed class DevicePort : IAsyncDisposable
{
    private readonly IAsyncDisposable _port;
    private readonly ThrottledLink? _pacing;

    private DevicePort(IDuplexPipe port, IAsyncDisposable owner, int? pacedBaudRate, string description)
    {
        _port = owner;
        _pacing = pacedBaudRate is int baud ? new ThrottledLink(port, baud) : null;
        Link = (IDuplexPipe?)_pacing ?? port;
        Description = description;
    }

    /// <summary>What the device session reads and writes: the port, paced when a baud rate was asked for.</summary>
    public IDuplexPipe Link { get; }

    /// <summary>For people, e.g. <c>virtual port /tmp/hemsim/ttyHEM0 → /dev/pts/3</c>.</summary>
    public string Description { get; }

    /// <summary>Opens or publishes <paramref name="path"/>.</summary>
    /// <exception cref="IOException">Another device owns the path, or the port cannot be opened or created.</exception>
    /// <exception cref="PlatformNotSupportedException">A virtual port is needed but this is not Linux.</exception>
    public static DevicePort Open(string path, int? baudRate)
    {
        if (IsExistingSerialPort(path))
        {
            SerialPortLink serial = SerialPortLink.Open(path, baudRate ?? SerialPortLink.DefaultBaudRate);
            bool paced = baudRate is not null && serial.IsPseudoTerminal;     // hardware paces itself
            return new DevicePort(serial, serial, paced ? baudRate : null, $"serial port {path}");
        }
        if (Path.GetFullPath(path).StartsWith("/dev/", StringComparison.Ordinal))
        {
            // A missing adapter (e.g. /dev/ttyUSB0 unplugged) must not become a symlink to a pty in /dev.
            throw new IOException($"no such serial port: {path} (virtual ports are published outside /dev, e.g. /tmp/hemsim/ttyHEM0)");
        }
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException(
                $"{path} is no serial port, and virtual ports (pseudo-terminals) need Linux; give --port an existing serial port.");
        }
        PtyLink pty = PtyLink.Create(path);
        return new DevicePort(pty, pty, baudRate, $"virtual port {path} → {pty.TerminalPath}");
    }

    /// <summary>A terminal device not published by a HemSim device; throws when a running device owns the path.</summary>
    internal static bool IsExistingSerialPort(string path)
    {
        switch (PortLock.Probe(path))
        {
            case PortLockState.Held:
                throw new IOException($"{path} is in use by another HemSim device ({PortLock.PathOf(path)} is locked).");
            case PortLockState.Abandoned:
                return false;       // ours, left behind by a device that was killed: published again
        }
        var entry = new FileInfo(path);
        FileSystemInfo? device = entry.LinkTarget is null ? entry : entry.ResolveLinkTarget(returnFinalTarget: true);
        // Terminals live in /dev; .NET cannot tell a character device from a file, and this is all we need.
        return device is { Exists: true } && device.FullName.StartsWith("/dev/", StringComparison.Ordinal);
    }

    /// <summary>Closes the port; a virtual port is unpublished and its host sees a hang-up.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_pacing is not null)
        {
            await _pacing.DisposeAsync().ConfigureAwait(false);
        }
        await _port.DisposeAsync().ConfigureAwait(false);
    }
}
