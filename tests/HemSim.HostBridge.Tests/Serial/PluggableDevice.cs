using System.IO.Pipelines;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Serial;
using HemSim.Transport.Links;
using HemSim.Transport.Session;

namespace HemSim.HostBridge.Tests.Serial;

/// <summary>
/// A device on an in-memory "port" that a test plugs in, unplugs and silences, with the connect function a
/// <see cref="ReconnectingDeviceChannel"/> calls to attach to it.
/// </summary>
internal sealed class PluggableDevice : IAsyncDisposable
{
    public const string Identity = "HemSim PPA 1.2.2-sim";

    private DeviceSession? _session;
    private Gate? _gate;
    private volatile bool _pluggedIn;
    private int _attachments;

    public Func<ApiRequest, CancellationToken, Task<ApiResponse>> Handler { get; set; } =
        (request, _) => Task.FromResult(new ApiResponse(200, request.Body));

    /// <summary>The host session's options, e.g. short retransmission timeouts.</summary>
    public HostSessionOptions HostOptions { get; set; } = HostSessionOptions.Default;

    /// <summary>How many times a host attached.</summary>
    public int Attachments => Volatile.Read(ref _attachments);

    public void PlugIn() => _pluggedIn = true;

    /// <summary>Takes the device away: its end of the link closes, as when a launcher exits.</summary>
    public async Task UnplugAsync()
    {
        _pluggedIn = false;
        DeviceSession? session = Interlocked.Exchange(ref _session, null);
        if (session is not null)
        {
            await session.DisposeAsync();
        }
    }

    /// <summary>The device stops answering but its link stays up, as a serial line whose far end went away.</summary>
    public void Silence() => _gate?.Close();

    public async Task<DeviceConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (!_pluggedIn)
        {
            throw new IOException("Nothing answers on the test port.");
        }
        (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair();
        _gate = new Gate(deviceEnd);
        _session = DeviceSession.Start(_gate, (request, ct) => Handler(request, ct), Identity);
        HostSession host = await HostSession.ConnectAsync(hostEnd, HostOptions, cancellationToken);
        Interlocked.Increment(ref _attachments);
        return new DeviceConnection(host);
    }

    public async ValueTask DisposeAsync() => await UnplugAsync();

    /// <summary>The device's end of the link, with a switch that drops everything the device writes.</summary>
    private sealed class Gate : IDuplexPipe
    {
        private readonly Pipe _written = new();
        private volatile bool _closed;

        public Gate(IDuplexPipe device)
        {
            Input = device.Input;
            _ = ForwardAsync(_written.Reader, device.Output);
        }

        public PipeReader Input { get; }

        public PipeWriter Output => _written.Writer;

        public void Close() => _closed = true;

        private async Task ForwardAsync(PipeReader from, PipeWriter to)
        {
            while (true)
            {
                ReadResult result = await from.ReadAsync();
                if (!_closed)
                {
                    foreach (ReadOnlyMemory<byte> segment in result.Buffer)
                    {
                        await to.WriteAsync(segment);
                    }
                }
                from.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    await from.CompleteAsync();
                    await to.CompleteAsync();
                    return;
                }
            }
        }
    }
}
