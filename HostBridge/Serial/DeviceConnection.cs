using System.IO.Pipelines;
using HemSim.Transport.Links;
using HemSim.Transport.Session;

namespace HemSim.HostBridge.Serial;

/// <summary>One attachment to a device: a host session and the link parts under it, closed together.</summary>
internal sealed class DeviceConnection(HostSession session, params IAsyncDisposable[] link) : IAsyncDisposable
{
    /// <summary>Header, CRC, stuffing and delimiters around a frame payload, generously.</summary>
    private const int FrameOverhead = 64;

    /// <summary>Time for the device to answer Hello beyond the time the two Hellos need on the line.</summary>
    private static readonly TimeSpan s_handshakeAllowance = TimeSpan.FromSeconds(2);

    public HostSession Session { get; } = session;

    /// <summary>
    /// Opens the port (8N1, no handshake), paces it when a baud rate is given and the port is a pseudo-terminal,
    /// and completes once the device has answered Hello.
    /// </summary>
    /// <exception cref="IOException">The port cannot be opened.</exception>
    /// <exception cref="TimeoutException">The port opened but no device answered.</exception>
    public static async Task<DeviceConnection> OpenSerialAsync(SerialLinkOptions options, CancellationToken cancellationToken)
    {
        int baud = options.BaudRate ?? SerialPortLink.DefaultBaudRate;
        SerialPortLink port = SerialPortLink.Open(options.Path, baud);
        ThrottledLink? paced = options.BaudRate is not null && port.IsPseudoTerminal ? new ThrottledLink(port, baud) : null;
        IAsyncDisposable[] parts = paced is null ? [port] : [paced, port];
        try
        {
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Two Hellos of at most 256 payload bytes each, plus framing, have to cross the line.
            handshake.CancelAfter(s_handshakeAllowance + TimeSpan.FromSeconds(2 * 300 / ThrottledLink.BytesPerSecond(baud)));
            HostSession session = await HostSession.ConnectAsync((IDuplexPipe?)paced ?? port, SessionOptionsFor(options.BaudRate),
                handshake.Token).ConfigureAwait(false);
            return new DeviceConnection(session, parts);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            await DisposeAllAsync(parts).ConfigureAwait(false);
            throw new TimeoutException($"{options.Path} is open but no device answered Hello.", exception);
        }
        catch
        {
            await DisposeAllAsync(parts).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Retransmission timing that fits the line: the first sign of progress can take a whole maximum-size frame
    /// each way, which at low rates is far longer than the default wait (a 4 KiB frame takes 4.3 s at 9600 baud).
    /// </summary>
    internal static HostSessionOptions SessionOptionsFor(int? baudRate)
    {
        HostSessionOptions defaults = HostSessionOptions.Default;
        if (baudRate is null)
        {
            return defaults;
        }
        TimeSpan initial = Max(defaults.InitialRetransmitTimeout, 3 * FrameTime(baudRate));
        return defaults with { InitialRetransmitTimeout = initial, MaxRetransmitTimeout = Max(defaults.MaxRetransmitTimeout, 8 * initial) };
    }

    /// <summary>Line time of one maximum-size (4 KiB) frame at <paramref name="baudRate"/>; zero for an unpaced line.</summary>
    internal static TimeSpan FrameTime(int? baudRate) => baudRate is int baud
        ? TimeSpan.FromSeconds((HostSessionOptions.Default.MaxFramePayload + FrameOverhead) / ThrottledLink.BytesPerSecond(baud))
        : TimeSpan.Zero;

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync().ConfigureAwait(false);
        await DisposeAllAsync(link).ConfigureAwait(false);
    }

    internal static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static async ValueTask DisposeAllAsync(IAsyncDisposable[] parts)
    {
        foreach (IAsyncDisposable part in parts)
        {
            await part.DisposeAsync().ConfigureAwait(false);
        }
    }
}
