using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace HemSim.Transport.Links;

/// <summary>The inotify calls: the device watches each close of its pseudo-terminal (ExclusiveModeRelease).</summary>
internal static partial class LibC
{
    /// <summary>inotify event bits (linux/inotify.h).</summary>
    [Flags]
    public enum WatchEvents : uint
    {
        ClosedAfterWriting = 0x8,           // IN_CLOSE_WRITE
        ClosedAfterReading = 0x10,          // IN_CLOSE_NOWRITE
        WatchRemoved = 0x8000,              // IN_IGNORED: inotify_rm_watch, or the file is gone
    }

    private const int InotifyCloseOnExec = 0x80000;     // IN_CLOEXEC

    /// <summary>A blocking inotify descriptor watching <paramref name="path"/> for <paramref name="events"/>.</summary>
    public static SafeFileHandle WatchFile(string path, WatchEvents events, out int watch)
    {
        int fd = inotify_init1(InotifyCloseOnExec);
        if (fd < 0)
        {
            throw LastError("inotify_init1");
        }
        var watcher = new SafeFileHandle(fd, ownsHandle: true);
        watch = inotify_add_watch(watcher, path, events);
        if (watch < 0)
        {
            IOException error = LastError($"inotify_add_watch {path}");
            watcher.Dispose();
            throw error;
        }
        return watcher;
    }

    /// <summary>Ends a watch; a thread blocked reading the watcher wakes with <see cref="WatchEvents.WatchRemoved"/>.</summary>
    public static void Unwatch(SafeFileHandle watcher, int watch) => _ = inotify_rm_watch(watcher, watch);

    /// <summary>Blocks until events arrive; returns the bits of every event read.</summary>
    public static WatchEvents ReadEvents(SafeFileHandle watcher)
    {
        // struct inotify_event: int wd; uint32_t mask; uint32_t cookie; uint32_t len; char name[len]
        Span<byte> buffer = stackalloc byte[1024];
        int read = TryRead(watcher, buffer);
        WatchEvents events = 0;
        for (int offset = 0; offset + 16 <= read; offset += 16 + BitConverter.ToInt32(buffer[(offset + 12)..]))
        {
            events |= (WatchEvents)BitConverter.ToUInt32(buffer[(offset + 4)..]);
        }
        return events;
    }

    [DllImport(Library, SetLastError = true)]
    private static extern int inotify_init1(int flags);

    [DllImport(Library, SetLastError = true)]
    private static extern int inotify_add_watch(SafeFileHandle fd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, WatchEvents mask);

    [DllImport(Library, SetLastError = true)]
    private static extern int inotify_rm_watch(SafeFileHandle fd, int watch);
}
