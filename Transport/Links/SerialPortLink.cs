using System.Buffers;
using System.IO.Pipelines;
using System.IO.Ports;

namespace HemSim.Transport.Links;

/// <summary>
/// A serial port opened through System.IO.Ports: a real USB-serial adapter, one end of a socat pair, or the
/// virtual port a device published with <see cref="PtyLink"/>. Settings are those of PROTOCOL.md §2.1: 8 data
/// bits, no parity, one stop bit, no handshake, blocking without time-outs. Bytes that were waiting in the
/// port before it was opened (left over from an earlier host) are discarded.
/// </summary>
/// <remarks>
/// Hardware paces itself to <see cref="BaudRate"/>; a pseudo-terminal (<see cref="IsPseudoTerminal"/>) ignores
/// it, so callers that want realistic timing over one wrap the link in a <see cref="ThrottledLink"/>.
/// </remarks>
public sealed class SerialPortLink : IDuplexPipe, IAsyncDisposable
{
    /// <summary>Line rate used when none is given.</summary>
    public const int DefaultBaudRate = 115_200;

    private readonly SerialPort _port;
    private int _disposed;

    private SerialPortLink(string path, SerialPort port, bool isPseudoTerminal)
    {
        Path = path;
        _port = port;
        IsPseudoTerminal = isPseudoTerminal;
        (Input, Output) = StreamLink.Wrap(new PortStream(port.BaseStream));
    }

    /// <summary>The path the port was opened by, e.g. <c>/dev/ttyUSB0</c> or <c>/tmp/hemsim/ttyHEM0</c>.</summary>
    public string Path { get; }

    public int BaudRate => _port.BaudRate;

    /// <summary>True when the port is (a symlink to) a pseudo-terminal, which moves bytes at memory speed.</summary>
    public bool IsPseudoTerminal { get; }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>Opens <paramref name="path"/> at <paramref name="baudRate"/>, 8N1, no handshake.</summary>
    /// <exception cref="IOException">
    /// The port does not exist, is in use, is not accessible or is no terminal; or it is a virtual port whose
    /// device is gone (see <see cref="PortLock"/>): such a stale symlink may point at an unrelated terminal by now.
    /// </exception>
    public static SerialPortLink Open(string path, int baudRate = DefaultBaudRate)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baudRate);
        string device = ResolveDevice(path);
        switch (PortLock.Probe(path))
        {
            case PortLockState.Abandoned:
                throw new IOException($"{path} was published by a HemSim device that is no longer running.");
            case PortLockState.Held when OperatingSystem.IsLinux() && PortLock.PublishedTerminal(path) != device:
                throw new IOException($"{path} is being published by a HemSim device; try again in a moment.");
        }

        // The device checked above is opened, not the path, which a device may re-point at any moment.
        var port = new SerialPort(device, baudRate, Parity.None, dataBits: 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = SerialPort.InfiniteTimeout,
        };
        try
        {
            port.Open();
            port.DiscardInBuffer();
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException { InnerException: IOException } or ArgumentException)
        {
            // System.IO.Ports reports every failed open as "access denied" (the reason — missing, busy, not a
            // terminal — is the inner exception) and a file that is no terminal as an argument error.
            port.Dispose();
            throw new IOException($"{path} cannot be opened as a serial port: {(exception.InnerException ?? exception).Message}", exception);
        }
        catch
        {
            port.Dispose();
            throw;
        }
        return new SerialPortLink(path, port, device.StartsWith("/dev/pts/", StringComparison.Ordinal));
    }

    /// <summary>Closes the port: pending reads and writes fail, so the session on top sees the link close.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }
        try
        {
            _port.Dispose();
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or ObjectDisposedException)
        {
            // The device vanished under us (adapter unplugged, terminal hung up): it is closed either way.
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The device file behind <paramref name="path"/>: the end of its symlink chain, or the path itself.</summary>
    private static string ResolveDevice(string path)
    {
        try
        {
            return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? System.IO.Path.GetFullPath(path);
        }
        catch (IOException)
        {
            return System.IO.Path.GetFullPath(path);    // a symlink loop: let the open report it
        }
    }

    /// <summary>
    /// The port's stream, adapted to a pipe writer that flushes after every frame. System.IO.Ports' Unix I/O loop
    /// picks up a new write only on its next turn, up to a millisecond later, so a frame-by-frame writer that
    /// waited for each write would get a frame per millisecond (4 MB/s at 4 KiB frames). Writes are therefore
    /// handed over without waiting (copied, in order) up to <see cref="MaxUnwritten"/> bytes, and a failure
    /// surfaces at the next write. <c>Flush</c> does nothing: <c>SerialStream.Flush</c> spins until the driver
    /// has sent everything and cannot be cancelled.
    /// </summary>
    private sealed class PortStream(Stream port) : Stream
    {
        private const int MaxUnwritten = 256 * 1024;

        private Task _lastWrite = Task.CompletedTask;   // the write handed over last; the port completes them in order
        private long _unwritten;                        // bytes handed over, not yet written
        private Exception? _failure;                    // the first write that failed

        public override bool CanRead => port.CanRead;

        public override bool CanWrite => port.CanWrite;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            port.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            port.ReadAsync(buffer, offset, count, cancellationToken);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Read(ref _unwritten) > MaxUnwritten)
            {
                await _lastWrite.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            if (Volatile.Read(ref _failure) is { } failure)
            {
                throw new IOException($"Writing to the serial port failed: {failure.Message}", failure);
            }
            if (buffer.IsEmpty)
            {
                return;
            }
            int length = buffer.Length;
            byte[] copy = ArrayPool<byte>.Shared.Rent(length);
            buffer.CopyTo(copy);
            Interlocked.Add(ref _unwritten, length);
            _lastWrite = port.WriteAsync(copy, 0, length, CancellationToken.None).ContinueWith(written =>
            {
                ArrayPool<byte>.Shared.Return(copy);
                Interlocked.Add(ref _unwritten, -length);
                if (written.Exception is { } exception)
                {
                    Interlocked.CompareExchange(ref _failure, exception.InnerException ?? exception, null);
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => port.Read(buffer, offset, count);

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
