using HemSim.Firmware.Device;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Session;

/// <summary>The host never has more in flight than the device's window (PROTOCOL.md §9).</summary>
[TestClass]
public sealed class FlowControlTests
{
    [TestMethod]
    public async Task Host_never_has_more_requests_at_the_device_than_its_window()
    {
        // Arrange: a device with a window of 3 whose handler holds the first request
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pair = await SessionPair.StartAsync(async (request, ct) =>
        {
            entered.TrySetResult();
            await release.Task.WaitAsync(ct);
            return new ApiResponse(200, request.Body);
        }, deviceOptions: new DeviceSessionOptions { ReceiveWindow = 3 });

        // Act
        Task<ApiResponse>[] calls = Enumerable.Range(0, 20)
            .Select(i => pair.Host.SendAsync(ApiRequest.Post($"/api/{i}", [(byte)i])))
            .ToArray();
        int inFlight = pair.Host.Window.InFlight;
        int waiting = pair.Host.Window.Waiting;
        await entered.Task.Within();
        release.SetResult();
        ApiResponse[] responses = await Task.WhenAll(calls).Within();

        // Assert
        pair.Host.DeviceReceiveWindow.Should().Be(3);
        inFlight.Should().Be(3);
        waiting.Should().Be(17);
        responses.Select(r => (int)r.Body[0]).Should().Equal(Enumerable.Range(0, 20));
        pair.Host.Window.MostInFlight.Should().Be(3);
        pair.Device.MostQuestionsInFlight.Should().BeLessThanOrEqualTo(3);
    }

    [TestMethod]
    public async Task Byte_window_lets_a_large_request_go_alone_and_holds_the_next()
    {
        // Arrange: a 64 KiB byte window; two 100 KiB requests
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pair = await SessionPair.StartAsync(async (request, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return ApiResponse.Empty(200);
        }, deviceOptions: new DeviceSessionOptions { ReceiveWindowBytes = 64 * 1024 });

        // Act
        Task<ApiResponse> first = pair.Host.SendAsync(ApiRequest.Post("/api/a", new byte[100 * 1024]));
        Task<ApiResponse> second = pair.Host.SendAsync(ApiRequest.Post("/api/b", new byte[100 * 1024]));
        int inFlight = pair.Host.Window.InFlight;
        release.SetResult();
        await Task.WhenAll(first, second).Within();

        // Assert
        inFlight.Should().Be(1);
        pair.Host.Window.MostInFlight.Should().Be(1);
    }

    [TestMethod]
    public async Task Caller_cancelled_while_waiting_for_the_window_never_sends()
    {
        // Arrange: window 1, held by a request in the handler
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new ExecutionCounter();
        await using var pair = await SessionPair.StartAsync(async (request, ct) =>
        {
            await runs.Handle(request, ct);
            await release.Task.WaitAsync(ct);
            return ApiResponse.Empty(200);
        }, deviceOptions: new DeviceSessionOptions { ReceiveWindow = 1 });
        Task<ApiResponse> holding = pair.Host.SendAsync(ApiRequest.Get("/api/holding"));
        using var cancel = new CancellationTokenSource();
        Task<ApiResponse> waiting = pair.Host.SendAsync(ApiRequest.Get("/api/never"), cancel.Token);

        // Act
        await cancel.CancelAsync();
        await FluentActions.Awaiting(() => waiting.Within()).Should().ThrowAsync<OperationCanceledException>();
        release.SetResult();
        await holding.Within();
        await pair.Host.SendAsync(ApiRequest.Get("/api/after")).Within();

        // Assert
        runs["/api/never"].Should().Be(0);
        runs["/api/after"].Should().Be(1);
    }
}
