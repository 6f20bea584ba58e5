using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Device;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Links;

/// <summary>
/// One body, every link (STYLE.md §10): each derived class opens its kind of link and these tests run a real
/// host and device session over it, as swtpm runs the same test over each of its interfaces.
/// </summary>
public abstract class LinkContractTests
{
    protected const string Identity = "HemSim PPA 1.2.2-sim";

    /// <summary>Opens both ends of a fresh link.</summary>
    protected abstract Task<LinkEnds> OpenAsync();

    [TestMethod]
    public async Task Hello_handshake_tells_the_host_who_the_device_is()
    {
        await using ConnectedLink link = await ConnectAsync(Echo);

        link.Host.DeviceIdentity.Should().Be(Identity);
        link.Host.ProtocolVersion.Should().BeGreaterThanOrEqualTo(1);
    }

    [TestMethod]
    public async Task Request_gets_its_response()
    {
        // Arrange
        await using ConnectedLink link = await ConnectAsync((request, _) =>
            Task.FromResult(new ApiResponse(201, Encoding.UTF8.GetBytes($"{request.Method} {request.Path}"))));

        // Act
        ApiResponse response = await link.Host.SendAsync(ApiRequest.Get("/api/system/status")).Within();

        // Assert
        response.Status.Should().Be(201);
        Encoding.UTF8.GetString(response.Body).Should().Be("GET /api/system/status");
    }

    [TestMethod]
    public async Task Message_of_64_KiB_crosses_intact_both_ways()
    {
        // Arrange: every byte value, in an order that no framing bug can keep by accident
        await using ConnectedLink link = await ConnectAsync(Echo);
        byte[] body = RandomNumberGenerator.GetBytes(64 * 1024);

        // Act
        ApiResponse response = await link.Host.SendAsync(ApiRequest.Post("/api/echo", body)).Within();

        // Assert
        response.Body.Should().Equal(body);
    }

    [TestMethod]
    public async Task Many_sequential_requests_each_get_their_own_response()
    {
        await using ConnectedLink link = await ConnectAsync(Echo);

        for (int i = 0; i < 300; i++)
        {
            byte[] body = Encoding.ASCII.GetBytes($"request {i}");
            ApiResponse response = await link.Host.SendAsync(ApiRequest.Post($"/api/echo/{i}", body)).Within();
            response.Body.Should().Equal(body, $"response {i} must answer request {i}");
        }
    }

    [TestMethod]
    public async Task Closing_the_device_side_fails_pending_host_calls_with_LinkClosedException()
    {
        // Arrange: a request the device is still working on
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using ConnectedLink link = await ConnectAsync(async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return ApiResponse.Empty(200);
        });
        Task<ApiResponse> pending = link.Host.SendAsync(ApiRequest.Get("/api/slow"));
        await started.Task.Within();

        // Act
        await link.CloseDeviceSideAsync();

        // Assert
        await FluentActions.Awaiting(() => pending.Within()).Should().ThrowAsync<LinkClosedException>();
        await FluentActions.Awaiting(() => link.Host.SendAsync(ApiRequest.Get("/api/later")).Within())
            .Should().ThrowAsync<LinkClosedException>();
    }

    [TestMethod]
    public async Task Closing_the_host_side_fails_its_pending_calls_with_LinkClosedException()
    {
        // Arrange
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using ConnectedLink link = await ConnectAsync(async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return ApiResponse.Empty(200);
        });
        Task<ApiResponse> pending = link.Host.SendAsync(ApiRequest.Get("/api/slow"));
        await started.Task.Within();

        // Act
        await link.CloseHostSideAsync();

        // Assert
        await FluentActions.Awaiting(() => pending.Within()).Should().ThrowAsync<LinkClosedException>();
    }

    private static Task<ApiResponse> Echo(ApiRequest request, CancellationToken _) =>
        Task.FromResult(new ApiResponse(200, request.Body));

    private async Task<ConnectedLink> ConnectAsync(Func<ApiRequest, CancellationToken, Task<ApiResponse>> handler)
    {
        LinkEnds ends = await OpenAsync();
        DeviceSession device = DeviceSession.Start(ends.Device, handler, Identity);
        try
        {
            HostSession host = await HostSession.ConnectAsync(ends.Host).Within();
            return new ConnectedLink(ends, host, device);
        }
        catch
        {
            await device.DisposeAsync();
            await ends.DisposeAsync();
            throw;
        }
    }

    /// <summary>A host and a device session talking over one link; disposing closes both sides.</summary>
    private sealed class ConnectedLink(LinkEnds ends, HostSession host, DeviceSession device) : IAsyncDisposable
    {
        public HostSession Host { get; } = host;

        public async Task CloseDeviceSideAsync()
        {
            await device.DisposeAsync();
            await ends.CloseDeviceAsync();
        }

        public async Task CloseHostSideAsync()
        {
            await Host.DisposeAsync();
            await ends.CloseHostAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await device.DisposeAsync();
            await ends.DisposeAsync();
        }
    }
}
