using System.Collections.Concurrent;
using HemSim.Firmware.Device;
using HemSim.Transport;

namespace HemSim.HostBridge.Tests.Hosting;

/// <summary>A device channel that records every request and answers from a script.</summary>
internal sealed class FakeDeviceChannel : IDeviceChannel
{
    private readonly ConcurrentQueue<ApiRequest> _received = new();

    /// <summary>The scripted answer; it may throw (e.g. <see cref="LinkClosedException"/>).</summary>
    public Func<ApiRequest, ApiResponse> Respond { get; set; } = DefaultResponse;

    public IReadOnlyList<ApiRequest> Received => [.. _received];

    public ApiRequest LastRequest => Received[^1];

    public static ApiResponse DefaultResponse(ApiRequest request) => new(200, "{\"ok\":true}"u8.ToArray());

    public void Reset()
    {
        _received.Clear();
        Respond = DefaultResponse;
    }

    public Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        _received.Enqueue(request);
        return Task.FromResult(Respond(request));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
