using HemSim.Firmware.Device;
using HemSim.Transport;
using HemSim.Transport.Control;
using HemSim.Transport.Session;

namespace HemSim.HostBridge.Serial;

/// <summary>
/// The device behind <c>--serial</c>, which may come and go like a USB device (hot-plug): the bridge starts
/// and keeps serving whether or not it is there. A background loop attaches whenever nothing is attached —
/// open the port, say Hello — backing off from <see cref="ReconnectTimings.FirstRetry"/> to
/// <see cref="ReconnectTimings.LongestRetry"/> between attempts. While attached it watches the link: a failing
/// request or read (the device closed its terminal) or an idle-time Ping left unanswered (a serial line never
/// reports that the far end went away) detaches it, failing what was pending, and the loop starts over.
/// While nothing is attached, <see cref="SendAsync"/> throws <see cref="LinkClosedException"/>, which the
/// bridge answers with 503.
/// </summary>
internal sealed class ReconnectingDeviceChannel : IDeviceChannel, IDeviceControl
{
    private const string LogPrefix = "hemsim-bridge: ";

    private readonly Func<CancellationToken, Task<DeviceConnection>> _connect;
    private readonly string _portName;
    private readonly TextWriter _log;
    private readonly ReconnectTimings _timings;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private Attachment? _current;       // null while no device is attached
    private int _inFlight;              // requests sent and not answered yet
    private int _disposed;

    private ReconnectingDeviceChannel(Func<CancellationToken, Task<DeviceConnection>> connect, string portName,
        TextWriter log, ReconnectTimings timings)
    {
        _connect = connect;
        _portName = portName;
        _log = TextWriter.Synchronized(log);
        _timings = timings;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>True while a device is attached (it may still vanish before the next request).</summary>
    public bool IsAttached => Volatile.Read(ref _current) is not null;

    /// <summary>Starts attaching to the device on <paramref name="options"/>' port; returns at once.</summary>
    /// <param name="log">Where attach and detach events go, one line each (the bridge's stderr).</param>
    public static ReconnectingDeviceChannel Start(SerialLinkOptions options, TextWriter log) =>
        Start(ct => DeviceConnection.OpenSerialAsync(options, ct), options.Path, log, ReconnectTimings.For(options.BaudRate));

    internal static ReconnectingDeviceChannel Start(Func<CancellationToken, Task<DeviceConnection>> connect, string portName,
        TextWriter log, ReconnectTimings timings)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(timings);
        return new ReconnectingDeviceChannel(connect, portName, log, timings);
    }

    public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        Attachment attachment = Volatile.Read(ref _current)
            ?? throw new LinkClosedException($"No device is attached on {_portName}; the bridge keeps trying.");
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await attachment.Connection.Session.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (LinkClosedException)
        {
            attachment.Lost.TrySetResult();
            throw;
        }
        catch (DeviceTimeoutException exception)
        {
            // A device that shows no progress through every retransmission is as good as unplugged: attach afresh.
            attachment.Lost.TrySetResult();
            throw new LinkClosedException($"The device on {_portName} stopped answering.", exception);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>A control operation for the attached device (the bridge asks for its TLS identity); none attached → <see cref="LinkClosedException"/>.</summary>
    public Task<ControlResult> ControlAsync(ControlOperation operation, ReadOnlyMemory<byte> argument, CancellationToken cancellationToken = default)
    {
        Attachment attachment = Volatile.Read(ref _current)
            ?? throw new LinkClosedException($"No device is attached on {_portName}; the bridge keeps trying.");
        return attachment.Connection.Session.ControlAsync(operation, argument, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _stopping.Cancel();
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        TimeSpan retry = _timings.FirstRetry;
        string? lastFailure = null;
        while (!_stopping.IsCancellationRequested)
        {
            DeviceConnection? connection = null;
            try
            {
                connection = await _connect(_stopping.Token).ConfigureAwait(false);
                var attachment = new Attachment(connection);
                Volatile.Write(ref _current, attachment);
                Log($"device attached on {_portName}: {connection.Session.DeviceIdentity}");
                lastFailure = null;
                retry = _timings.FirstRetry;

                await WatchAsync(attachment).ConfigureAwait(false);
                Log($"device on {_portName} is gone; requests get 503 until it is back");
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)     // reconnect loop boundary: whatever failed, the next attempt starts afresh
            {
                if (exception.Message != lastFailure)
                {
                    Log($"waiting for a device on {_portName}: {exception.Message}");
                    lastFailure = exception.Message;
                }
            }
            finally
            {
                Volatile.Write(ref _current, null);
                if (connection is not null)
                {
                    await CloseAsync(connection).ConfigureAwait(false);     // fails whatever was still pending
                }
            }

            try
            {
                await Task.Delay(retry, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            retry = retry * 2 < _timings.LongestRetry ? retry * 2 : _timings.LongestRetry;
        }
    }

    /// <summary>Returns when the attached device is gone; throws when the channel is stopping.</summary>
    private async Task WatchAsync(Attachment attachment)
    {
        while (true)
        {
            Task tick = Task.Delay(_timings.ProbeInterval, _stopping.Token);
            if (await Task.WhenAny(tick, attachment.Lost.Task).ConfigureAwait(false) == attachment.Lost.Task)
            {
                return;
            }
            await tick.ConfigureAwait(false);
            if (Volatile.Read(ref _inFlight) > 0)
            {
                continue;       // requests in progress will tell; a Ping could wait behind a long upload
            }
            try
            {
                await attachment.Connection.Session.PingAsync(_stopping.Token).WaitAsync(_timings.ProbeTimeout, _stopping.Token)
                    .ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is LinkClosedException or TimeoutException)
            {
                return;     // TimeoutException includes the session's own DeviceTimeoutException
            }
        }
    }

    /// <summary>Closes a connection that is done; a failure to close must not end the loop that attaches the next.</summary>
    private async Task CloseAsync(DeviceConnection connection)
    {
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception)     // reconnect loop boundary, as above
        {
            Log($"closing the link on {_portName} failed: {exception.Message}");
        }
    }

    private void Log(string line) => _log.WriteLine(LogPrefix + line);

    /// <summary>An attached device; <see cref="Lost"/> is signalled by a request that found the link closed.</summary>
    private sealed class Attachment(DeviceConnection connection)
    {
        public DeviceConnection Connection { get; } = connection;

        public TaskCompletionSource Lost { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
