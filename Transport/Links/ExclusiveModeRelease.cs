using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace HemSim.Transport.Links;

/// <summary>
/// Takes a pseudo-terminal out of exclusive mode each time a host closes it. System.IO.Ports puts every port it
/// opens into exclusive mode (TIOCEXCL) and leaves it only on a clean close; the flag belongs to the terminal,
/// which lives as long as the device keeps it, so a host that was killed would lock every later non-root host
/// out (EBUSY) until the device restarted. An inotify watch on the terminal reports each close; a thread
/// waiting on it clears the flag through the device's own descriptor of the terminal.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class ExclusiveModeRelease : IDisposable
{
    private readonly SafeFileHandle _watcher;
    private readonly int _watch;
    private readonly SafeFileHandle _terminal;
    private readonly Thread _thread;
    private volatile bool _disposed;

    private ExclusiveModeRelease(SafeFileHandle watcher, int watch, SafeFileHandle terminal)
    {
        _watcher = watcher;
        _watch = watch;
        _terminal = terminal;
        _thread = new Thread(Run) { IsBackground = true, Name = "HemSim pty exclusive-mode release" };
        _thread.Start();
    }

    /// <summary>Starts watching <paramref name="terminalPath"/>; null when inotify is unavailable (then hosts must close cleanly).</summary>
    /// <param name="terminal">A descriptor of the terminal that outlives this object.</param>
    public static ExclusiveModeRelease? TryStart(string terminalPath, SafeFileHandle terminal)
    {
        try
        {
            SafeFileHandle watcher = LibC.WatchFile(terminalPath,
                LibC.WatchEvents.ClosedAfterWriting | LibC.WatchEvents.ClosedAfterReading, out int watch);
            return new ExclusiveModeRelease(watcher, watch, terminal);
        }
        catch (IOException)
        {
            return null;    // e.g. the per-user inotify limit is reached: a convenience lost, not the link
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        LibC.Unwatch(_watcher, _watch);     // wakes the thread
        _thread.Join(TimeSpan.FromSeconds(1));
        _watcher.Dispose();                 // a read still blocked holds a reference; the descriptor closes after it
    }

    private void Run()
    {
        try
        {
            while (!_disposed)
            {
                LibC.WatchEvents events = LibC.ReadEvents(_watcher);
                if (_disposed || events.HasFlag(LibC.WatchEvents.WatchRemoved))
                {
                    return;
                }
                LibC.ClearExclusiveMode(_terminal);
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // The watch failed; exclusive mode is then only cleared by hosts that close cleanly.
        }
    }
}
