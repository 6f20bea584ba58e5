using System.Globalization;

namespace HemSim.Transport.Links;

/// <summary>What the lock file beside a port path says about it.</summary>
public enum PortLockState
{
    /// <summary>No lock file: the path was not published by a HemSim device (or its device removed it on exit).</summary>
    None = 0,

    /// <summary>A running device published the path and holds its lock.</summary>
    Held = 1,

    /// <summary>
    /// The device that published the path is gone without cleaning up (killed): the symlink is stale and may
    /// by now point at somebody else's terminal, so it must not be opened.
    /// </summary>
    Abandoned = 2,
}

/// <summary>
/// <c>PATH.lock</c> beside a published virtual port, in the spirit of UUCP's <c>LCK..</c> files: the device
/// that owns <c>PATH</c> keeps an exclusive <c>flock</c> on it (what .NET's <see cref="FileShare.None"/> takes
/// on Unix) for as long as it runs. The kernel drops the lock when the process dies however it dies, so a
/// lock file that nobody holds marks a stale symlink. The file's text, <c>pid=N terminal=/dev/pts/M</c>, is
/// written before the symlink is (re)published: until the symlink points at that terminal, a host must not
/// trust it (it may still be a stale one, pointing at somebody else's terminal).
/// </summary>
public static class PortLock
{
    /// <summary>The lock file that belongs to <paramref name="portPath"/>.</summary>
    public static string PathOf(string portPath) => portPath + ".lock";

    /// <summary>Says whether a running device holds the lock of <paramref name="portPath"/>.</summary>
    public static PortLockState Probe(string portPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(portPath);
        try
        {
            using var probe = new FileStream(PathOf(portPath), FileMode.Open, FileAccess.Read, FileShare.None);
            return PortLockState.Abandoned;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return PortLockState.None;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return PortLockState.Held;      // locked by its device (or unreadable, which we treat the same way)
        }
    }

    /// <summary>The terminal that the device holding the lock publishes, as its lock file says; null if unknown.</summary>
    internal static string? PublishedTerminal(string portPath)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        string? text = LibC.TryReadText(PathOf(portPath), 1024);
        const string key = "terminal=";
        return text?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(field => field.StartsWith(key, StringComparison.Ordinal))?[key.Length..];
    }

    private const int AcquireAttempts = 25;
    private const int AcquireRetryMilliseconds = 20;

    /// <summary>Takes the lock of <paramref name="portPath"/>; the returned stream holds it until disposed.</summary>
    /// <exception cref="IOException">Another running device holds it.</exception>
    internal static FileStream Acquire(string portPath, string terminalPath)
    {
        FileStream stream;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                stream = new FileStream(PathOf(portPath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                break;
            }
            catch (IOException exception) when (exception is not FileNotFoundException and not DirectoryNotFoundException)
            {
                // A host probing the lock holds it for a moment (Probe); only a lock held for longer is a device.
                if (attempt >= AcquireAttempts)
                {
                    throw new IOException($"{portPath} is in use by another HemSim device ({PathOf(portPath)} is locked).", exception);
                }
                Thread.Sleep(AcquireRetryMilliseconds);
            }
        }
        stream.SetLength(0);
        byte[] text = System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"pid={Environment.ProcessId} terminal={terminalPath}\n"));
        stream.Write(text);
        stream.Flush();
        return stream;
    }

    /// <summary>Deletes the lock file, then releases the lock (in that order, so nobody sees it free but present).</summary>
    internal static void Release(string portPath, FileStream stream)
    {
        try
        {
            File.Delete(PathOf(portPath));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left behind, unlocked: the next device or host reads it as abandoned, which is true.
        }
        stream.Dispose();
    }
}
