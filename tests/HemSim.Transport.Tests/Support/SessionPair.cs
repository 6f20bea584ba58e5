using System.IO.Pipelines;
using HemSim.Firmware.Device;
using HemSim.Transport.Links;
using HemSim.Transport.Session;

namespace HemSim.Transport.Tests.Support;

/// <summary>
/// A device session and a connected host session over one in-memory link, optionally with a wrapper
/// (a filter or a noisy link) on the host's end.
/// </summary>
internal sealed class SessionPair(HostSession host, DeviceSession device) : IAsyncDisposable
{
    public const string Identity = "HemSim EPA 1.2.2-sim";

    /// <summary>Short timeouts so that tests which lose frames stay fast.</summary>
    public static readonly HostSessionOptions FastHost = new()
    {
        InitialRetransmitTimeout = TimeSpan.FromMilliseconds(30),
        MaxRetransmitTimeout = TimeSpan.FromMilliseconds(200),
        MaxRetransmissions = 8,
    };

    public HostSession Host { get; } = host;

    public DeviceSession Device { get; } = device;

    public static async Task<SessionPair> StartAsync(Func<ApiRequest, CancellationToken, Task<ApiResponse>> handler,
        HostSessionOptions? hostOptions = null, DeviceSessionOptions? deviceOptions = null,
        Func<IDuplexPipe, IDuplexPipe>? wrapHostEnd = null)
    {
        (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair();
        DeviceSession device = DeviceSession.Start(deviceEnd, handler, Identity, deviceOptions);
        IDuplexPipe link = wrapHostEnd is null ? hostEnd : wrapHostEnd(hostEnd);
        HostSession host = await HostSession.ConnectAsync(link, hostOptions ?? HostSessionOptions.Default).Within();
        return new SessionPair(host, device);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Device.DisposeAsync();
    }
}
