using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace HemSim.Transport.Links;

/// <summary>
/// The few libc calls a pseudo-terminal needs. Flag values are Linux's (the same on x86-64 and arm64);
/// <c>struct termios</c> is only ever handled as an opaque buffer by tcgetattr/cfmakeraw/tcsetattr, so its
/// layout does not matter here. The inotify calls (each close of the terminal) are in LibC.Inotify.cs.
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class LibC
{
    // The runtime maps "libc" to the C library's real file name (libc.so.6 on glibc).
    private const string Library = "libc";

    /// <summary>Bigger than <c>struct termios</c> on every Linux libc (glibc: 60 bytes).</summary>
    private const int TermiosBufferSize = 256;

    [Flags]
    public enum OpenFlags
    {
        ReadOnly = 0x0,                     // O_RDONLY
        ReadWrite = 0x2,                    // O_RDWR
        NoControllingTerminal = 0x100,      // O_NOCTTY
        NonBlocking = 0x800,                // O_NONBLOCK
        CloseOnExec = 0x80000,              // O_CLOEXEC: a child process must not keep our terminal alive
    }

    [Flags]
    public enum PollEvents : short
    {
        None = 0,
        In = 0x1,
        Out = 0x4,
        Error = 0x8,
        HangUp = 0x10,
        Invalid = 0x20,
    }

    public const int Interrupted = 4;       // EINTR
    public const int WouldBlock = 11;       // EAGAIN

    private const nuint SetExclusive = 0x540C;          // TIOCEXCL
    private const nuint ClearExclusive = 0x540D;        // TIOCNXCL
    private const nuint GetExclusive = 0x80045440;      // TIOCGEXCL

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public PollEvents Events;
        public PollEvents Returned;
    }

    /// <summary>Opens a new pseudo-terminal master, grants and unlocks its slave, and returns the slave's path.</summary>
    public static SafeFileHandle OpenMaster(out string slavePath)
    {
        int fd = posix_openpt(OpenFlags.ReadWrite | OpenFlags.NoControllingTerminal | OpenFlags.NonBlocking | OpenFlags.CloseOnExec);
        if (fd < 0)
        {
            throw LastError("posix_openpt");
        }
        var master = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            byte[] name = new byte[128];
            if (grantpt(master) != 0)
            {
                throw LastError("grantpt");
            }
            if (unlockpt(master) != 0)
            {
                throw LastError("unlockpt");
            }
            int result = ptsname_r(master, name, (nuint)name.Length);
            if (result != 0)
            {
                throw new IOException($"ptsname_r failed: {Marshal.GetPInvokeErrorMessage(result)}", result);
            }
            slavePath = System.Text.Encoding.UTF8.GetString(name, 0, Array.IndexOf(name, (byte)0));
            return master;
        }
        catch
        {
            master.Dispose();
            throw;
        }
    }

    /// <summary>Opens a terminal device (blocking, no controlling terminal, not inherited) and makes it raw.</summary>
    public static SafeFileHandle OpenRaw(string path)
    {
        int fd = open(path, OpenFlags.ReadWrite | OpenFlags.NoControllingTerminal | OpenFlags.CloseOnExec);
        if (fd < 0)
        {
            throw LastError($"open {path}");
        }
        var terminal = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            // cfmakeraw: 8 data bits, no parity, no echo, no line editing, no CR/LF translation, no XON/XOFF.
            byte[] termios = new byte[TermiosBufferSize];
            if (tcgetattr(terminal, termios) != 0)
            {
                throw LastError("tcgetattr");
            }
            cfmakeraw(termios);
            if (tcsetattr(terminal, 0 /* TCSANOW */, termios) != 0)
            {
                throw LastError("tcsetattr");
            }
            return terminal;
        }
        catch
        {
            terminal.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The start of a small text file, read with plain open/read: .NET's own readers take a shared flock first
    /// and so cannot read a file that another process holds with <see cref="FileShare.None"/>.
    /// </summary>
    /// <returns>The text, or null when the file cannot be opened.</returns>
    public static string? TryReadText(string path, int maxBytes)
    {
        int fd = open(path, OpenFlags.ReadOnly | OpenFlags.CloseOnExec);
        if (fd < 0)
        {
            return null;
        }
        using var file = new SafeFileHandle(fd, ownsHandle: true);
        byte[] buffer = new byte[maxBytes];
        int length = 0;
        for (int read; length < buffer.Length && (read = TryRead(file, buffer.AsSpan(length))) > 0;)
        {
            length += read;
        }
        return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>Non-blocking read: the byte count, or -1 when nothing is there yet.</summary>
    public static int TryRead(SafeFileHandle fd, Span<byte> buffer)
    {
        while (true)
        {
            nint count = read(fd, ref MemoryMarshal.GetReference(buffer), buffer.Length);
            if (count >= 0)
            {
                return checked((int)count);
            }
            int error = Marshal.GetLastPInvokeError();
            if (error == WouldBlock)
            {
                return -1;
            }
            if (error != Interrupted)
            {
                throw Error("read", error);
            }
        }
    }

    /// <summary>Non-blocking write: the bytes taken, or -1 when the terminal's buffer is full.</summary>
    public static int TryWrite(SafeFileHandle fd, ReadOnlySpan<byte> buffer)
    {
        while (true)
        {
            nint count = write(fd, ref MemoryMarshal.GetReference(buffer), buffer.Length);
            if (count >= 0)
            {
                return checked((int)count);
            }
            int error = Marshal.GetLastPInvokeError();
            if (error == WouldBlock)
            {
                return -1;
            }
            if (error != Interrupted)
            {
                throw Error("write", error);
            }
        }
    }

    /// <summary>Waits at most <paramref name="timeoutMilliseconds"/> for <paramref name="events"/>; returns what happened.</summary>
    public static PollEvents Poll(SafeFileHandle fd, PollEvents events, int timeoutMilliseconds)
    {
        bool added = false;
        try
        {
            // Holding a reference keeps the descriptor number from being closed and reused while we wait on it.
            fd.DangerousAddRef(ref added);
            var entry = new PollFd { Fd = (int)fd.DangerousGetHandle(), Events = events };
            int result = poll(ref entry, 1, timeoutMilliseconds);
            if (result < 0)
            {
                int error = Marshal.GetLastPInvokeError();
                return error == Interrupted ? PollEvents.None : throw Error("poll", error);
            }
            return result == 0 ? PollEvents.None : entry.Returned;
        }
        finally
        {
            if (added)
            {
                fd.DangerousRelease();
            }
        }
    }

    /// <summary>Clears the terminal's exclusive mode (TIOCEXCL), through any descriptor of it.</summary>
    public static void ClearExclusiveMode(SafeFileHandle terminal) => _ = ioctl(terminal, ClearExclusive, 0);

    /// <summary>Puts the terminal into exclusive mode (TIOCEXCL), as System.IO.Ports does on open.</summary>
    public static void SetExclusiveMode(SafeFileHandle terminal) => _ = ioctl(terminal, SetExclusive, 0);

    /// <summary>Whether the terminal is in exclusive mode (TIOCGEXCL).</summary>
    public static bool IsExclusive(SafeFileHandle terminal)
    {
        int exclusive = 0;
        return ioctl(terminal, GetExclusive, ref exclusive) == 0 ? exclusive != 0 : throw LastError("ioctl TIOCGEXCL");
    }

    private static IOException LastError(string call) => Error(call, Marshal.GetLastPInvokeError());

    private static IOException Error(string call, int errno) =>
        new($"{call} failed: {Marshal.GetPInvokeErrorMessage(errno)}", errno);

    [DllImport(Library, SetLastError = true)]
    private static extern int posix_openpt(OpenFlags flags);

    [DllImport(Library, SetLastError = true)]
    private static extern int grantpt(SafeFileHandle fd);

    [DllImport(Library, SetLastError = true)]
    private static extern int unlockpt(SafeFileHandle fd);

    [DllImport(Library)]
    private static extern int ptsname_r(SafeFileHandle fd, byte[] buffer, nuint length);

    [DllImport(Library, SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, OpenFlags flags);

    [DllImport(Library, SetLastError = true)]
    private static extern int tcgetattr(SafeFileHandle fd, byte[] termios);

    [DllImport(Library)]
    private static extern void cfmakeraw(byte[] termios);

    [DllImport(Library, SetLastError = true)]
    private static extern int tcsetattr(SafeFileHandle fd, int when, byte[] termios);

    [DllImport(Library, SetLastError = true)]
    private static extern nint read(SafeFileHandle fd, ref byte buffer, nint count);

    [DllImport(Library, SetLastError = true)]
    private static extern nint write(SafeFileHandle fd, ref byte buffer, nint count);

    [DllImport(Library, SetLastError = true)]
    private static extern int poll(ref PollFd fds, nuint count, int timeoutMilliseconds);

    [DllImport(Library, SetLastError = true)]
    private static extern int ioctl(SafeFileHandle fd, nuint request, nint argument);

    [DllImport(Library, SetLastError = true)]
    private static extern int ioctl(SafeFileHandle fd, nuint request, ref int argument);
}
