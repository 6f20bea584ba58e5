using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace HemSim.Transport.Links;

/// <summary>
/// The master side of a pseudo-terminal as a <see cref="Stream"/>. A thread blocked in <c>read()</c> is not woken
/// when another thread closes the descriptor, so a plain <c>FileStream</c> over the master could never be
/// stopped while no host writes. Here the descriptor is non-blocking: a call that has to wait polls in slices
/// of <see cref="PollSliceMilliseconds"/> and re-checks cancellation and disposal between slices, so every read
/// and write ends within one slice of a cancel or <see cref="Dispose"/>. The wait runs on a thread of its own,
/// not a thread-pool thread: an idle port waits for ever, and on a two-core machine the pool starts with two
/// threads, so pooled waits would starve everything else in the process.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class PtyMasterStream(SafeFileHandle master) : Stream
{
    private const int PollSliceMilliseconds = 100;

    private volatile bool _disposed;

    public override bool CanRead => !_disposed;

    public override bool CanWrite => !_disposed;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return ValueTask.FromResult(0);
        }
        int read = LibC.TryRead(master, buffer.Span);
        return read >= 0
            ? ValueTask.FromResult(read)
            : new ValueTask<int>(OnOwnThread(() => WaitAndRead(buffer, cancellationToken), cancellationToken));
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!buffer.IsEmpty)
        {
            int written = LibC.TryWrite(master, buffer.Span);
            if (written < 0)
            {
                // The terminal's buffer is full: nobody reads the slave side right now.
                written = await OnOwnThread(() => WaitAndWrite(buffer, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            buffer = buffer[written..];
        }
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Nothing to do: a write has reached the terminal when it returns.</summary>
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // A poll in progress holds a reference on the handle, so the descriptor closes when it returns.
            _disposed = true;
            master.Dispose();
        }
        base.Dispose(disposing);
    }

    private static Task<int> OnOwnThread(Func<int> wait, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(wait, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private int WaitAndRead(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            WaitFor(LibC.PollEvents.In, cancellationToken);
            int read = LibC.TryRead(master, buffer.Span);
            if (read >= 0)
            {
                return read;
            }
        }
    }

    private int WaitAndWrite(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            WaitFor(LibC.PollEvents.Out, cancellationToken);
            int written = LibC.TryWrite(master, buffer.Span);
            if (written >= 0)
            {
                return written;
            }
        }
    }

    private void WaitFor(LibC.PollEvents events, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_disposed, this);
            LibC.PollEvents happened = LibC.Poll(master, events, PollSliceMilliseconds);
            if (happened != LibC.PollEvents.None)
            {
                // Ready, or an error/hang-up that the next read or write reports as an IOException.
                return;
            }
        }
    }
}
