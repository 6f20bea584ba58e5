using System.IO.Pipelines;

namespace HemSim.Transport.Tests.Links;

/// <summary>
/// Both ends of one link under test, with what closes each end (a port, a terminal) and whatever else the
/// link needs while it lives (a socat process).
/// </summary>
public sealed class LinkEnds(IDuplexPipe host, IAsyncDisposable? hostResource, IDuplexPipe device,
    IAsyncDisposable? deviceResource, IAsyncDisposable? rig = null) : IAsyncDisposable
{
    public IDuplexPipe Host { get; } = host;

    public IDuplexPipe Device { get; } = device;

    public ValueTask CloseHostAsync() => hostResource?.DisposeAsync() ?? ValueTask.CompletedTask;

    public ValueTask CloseDeviceAsync() => deviceResource?.DisposeAsync() ?? ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await CloseHostAsync();
        await CloseDeviceAsync();
        if (rig is not null)
        {
            await rig.DisposeAsync();
        }
    }
}
