using System.IO.Pipelines;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace HemSim.Transport.Links;

/// <summary>
/// The device's end of a virtual serial port: a Linux pseudo-terminal the device creates itself (no socat, no
/// kernel module). The host opens the terminal's slave side like any serial port — under a stable path, a
/// symlink published at <see cref="Path"/> (e.g. <c>/tmp/hemsim/ttyHEM0 → /dev/pts/3</c>) — while the device
/// reads and writes the master side.
/// </summary>
/// <remarks>
/// The device keeps one slave descriptor open itself, in raw mode. Without it the master reads fail with EIO
/// while no host is attached; with it, hosts can come and go (hot-plug) and each one sees the same raw,
/// 8-bit-clean port — also after a host that was killed (<see cref="ExclusiveModeRelease"/>). A
/// pseudo-terminal has no line rate: wrap the link in a <see cref="ThrottledLink"/> for realistic timing.
/// Beside the symlink, <see cref="PortLock"/> marks the path as owned by this running device.
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed class PtyLink : IDuplexPipe, IAsyncDisposable
{
    private readonly PtyMasterStream _master;
    private readonly SafeFileHandle _heldSlave;
    private readonly FileStream _lock;
    private readonly ExclusiveModeRelease? _exclusiveModeRelease;
    private int _disposed;

    private PtyLink(string path, string terminalPath, PtyMasterStream master, SafeFileHandle heldSlave, FileStream portLock)
    {
        Path = path;
        TerminalPath = terminalPath;
        _master = master;
        _heldSlave = heldSlave;
        _lock = portLock;
        _exclusiveModeRelease = ExclusiveModeRelease.TryStart(terminalPath, heldSlave);
        (Input, Output) = StreamLink.Wrap(master);
    }

    /// <summary>The published path hosts open: a symlink to <see cref="TerminalPath"/>.</summary>
    public string Path { get; }

    /// <summary>The terminal's slave device, e.g. <c>/dev/pts/3</c>.</summary>
    public string TerminalPath { get; }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>
    /// Creates a pseudo-terminal and publishes its slave at <paramref name="path"/>, creating missing parent
    /// folders and replacing a stale symlink (one whose device is gone).
    /// </summary>
    /// <exception cref="IOException">
    /// A running device already owns <paramref name="path"/>, or the path exists and is not a symlink.
    /// </exception>
    public static PtyLink Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = System.IO.Path.GetFullPath(path);
        EnsureReplaceable(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);

        SafeFileHandle master = LibC.OpenMaster(out string terminalPath);
        SafeFileHandle? heldSlave = null;
        FileStream? portLock = null;
        try
        {
            heldSlave = LibC.OpenRaw(terminalPath);
            portLock = PortLock.Acquire(path, terminalPath);
            Publish(path, terminalPath);
            return new PtyLink(path, terminalPath, new PtyMasterStream(master), heldSlave, portLock);
        }
        catch
        {
            if (portLock is not null)
            {
                PortLock.Release(path, portLock);
            }
            heldSlave?.Dispose();
            master.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Unpublishes the path (unless another device has replaced it since), then closes the terminal: a host that
    /// has it open sees a hang-up, the host's equivalent of a pulled cable.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }
        try
        {
            if (new FileInfo(Path).LinkTarget == TerminalPath)
            {
                File.Delete(Path);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left behind: the lock released below marks it stale for whoever finds it.
        }
        PortLock.Release(Path, _lock);
        _exclusiveModeRelease?.Dispose();
        _master.Dispose();
        _heldSlave.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Nothing there, a dangling symlink, or one whose device is gone: anything else is somebody else's.</summary>
    private static void EnsureReplaceable(string path)
    {
        var existing = new FileInfo(path);
        if (Directory.Exists(path) || (existing.Exists && existing.LinkTarget is null))
        {
            throw new IOException($"{path} exists and is not a symlink; a virtual port is published as a symlink.");
        }
        if (existing.LinkTarget is { } target && PortLock.Probe(path) == PortLockState.None
            && existing.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true })
        {
            throw new IOException($"{path} points at {target}, a port HemSim did not publish; open it as a serial port instead.");
        }
    }

    private static void Publish(string path, string terminalPath)
    {
        // Made beside the target and renamed over it, so a host never sees the path missing or half made.
        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.Delete(temporary);
        File.CreateSymbolicLink(temporary, terminalPath);
        File.Move(temporary, path, overwrite: true);
    }
}
