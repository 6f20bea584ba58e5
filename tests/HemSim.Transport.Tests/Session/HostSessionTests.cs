using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using HemSim.Firmware.Device;
using HemSim.Transport.Links;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Session;

[TestClass]
public sealed class HostSessionTests
{
    private const string Identity = SessionPair.Identity;

    [TestMethod]
    public async Task Request_travels_to_the_device_and_its_response_comes_back()
    {
        // Arrange
        ApiRequest? seen = null;
        await using var pair = await SessionPair.StartAsync((request, _) =>
        {
            seen = request;
            return Task.FromResult(new ApiResponse(201, Encoding.UTF8.GetBytes("{\"kid\":\"0\"}"))
            {
                Flags = ResponseFlags.CloseConnection,
                AllowedOrigin = "https://my.encedo.com",
            });
        });
        var sent = new ApiRequest("POST", "/api/keymgmt/create", true, Encoding.UTF8.GetBytes("{\"type\":\"ED25519\"}"))
        {
            Authorization = "Bearer x.y.z",
            ContentType = "application/json",
            Origin = "https://my.encedo.com",
            Host = "my.ence.do",
            ContentDisposition = "inline",
        };

        // Act
        ApiResponse response = await pair.Host.SendAsync(sent).Within();

        // Assert
        seen.Should().BeEquivalentTo(sent);
        response.Status.Should().Be(201);
        Encoding.UTF8.GetString(response.Body).Should().Be("{\"kid\":\"0\"}");
        response.ContentType.Should().Be(ApiResponse.JsonContentType);
        response.Flags.Should().Be(ResponseFlags.CloseConnection);
        response.AllowedOrigin.Should().Be("https://my.encedo.com");
    }

    [TestMethod]
    public async Task Handshake_tells_the_host_who_the_device_is()
    {
        await using var pair = await SessionPair.StartAsync(Echo);

        pair.Host.DeviceIdentity.Should().Be(Identity);
        pair.Host.ProtocolVersion.Should().Be(2);
        pair.Host.DeviceReceiveWindow.Should().Be(DeviceSessionOptions.Default.ReceiveWindow);
    }

    [TestMethod]
    public async Task Fifty_concurrent_requests_are_handled_one_at_a_time_and_each_caller_gets_its_own_response()
    {
        // Arrange
        int active = 0;
        int mostActive = 0;
        var handled = new ConcurrentQueue<string>();
        await using var pair = await SessionPair.StartAsync(async (request, ct) =>
        {
            int now = Interlocked.Increment(ref active);
            InterlockedMax(ref mostActive, now);
            await Task.Delay(1, ct);        // give a second handler call the chance to overlap, if it could
            handled.Enqueue(request.Path);
            Interlocked.Decrement(ref active);
            return new ApiResponse(200, Encoding.UTF8.GetBytes(request.Path));
        });

        // Act
        Task<ApiResponse>[] calls = Enumerable.Range(0, 50)
            .Select(i => Task.Run(() => pair.Host.SendAsync(ApiRequest.Get($"/api/n/{i}"))))
            .ToArray();
        ApiResponse[] responses = await Task.WhenAll(calls).Within();

        // Assert
        mostActive.Should().Be(1);
        handled.Should().HaveCount(50).And.OnlyHaveUniqueItems();
        for (int i = 0; i < 50; i++)
        {
            Encoding.UTF8.GetString(responses[i].Body).Should().Be($"/api/n/{i}");
        }
    }

    [TestMethod]
    public async Task Body_of_16_MiB_arrives_intact_both_ways()
    {
        // Arrange
        byte[] body = new byte[16 * 1024 * 1024];
        new Random(16).NextBytes(body);
        await using var pair = await SessionPair.StartAsync(Echo);

        // Act
        ApiResponse response = await pair.Host.SendAsync(ApiRequest.Post("/api/echo", body)).Within();

        // Assert
        response.Body.Length.Should().Be(body.Length);
        response.Body.AsSpan().SequenceEqual(body).Should().BeTrue();
        pair.Device.Connection.DecoderCounters.Errors.Should().Be(0);
    }

    [TestMethod]
    public async Task DeliverNotBefore_survives_the_trip_and_the_host_does_not_wait_for_it()
    {
        await using var pair = await SessionPair.StartAsync((_, _) =>
            Task.FromResult(new ApiResponse(401, []) { DeliverNotBefore = TimeSpan.FromHours(1) }));

        ApiResponse response = await pair.Host.SendAsync(ApiRequest.Get("/api/auth/token")).Within();

        response.DeliverNotBefore.Should().Be(TimeSpan.FromHours(1));
    }

    [TestMethod]
    public async Task Disposing_the_device_fails_pending_and_later_requests_with_LinkClosedException()
    {
        // Arrange: the device is busy with the first request when it goes away
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pair = await SessionPair.StartAsync(async (_, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new UnreachableException();
        });
        Task<ApiResponse> busy = pair.Host.SendAsync(ApiRequest.Get("/api/slow"));
        Task<ApiResponse> queued = pair.Host.SendAsync(ApiRequest.Get("/api/queued"));
        await entered.Task.Within();

        // Act
        await pair.Device.DisposeAsync();

        // Assert
        await FluentActions.Awaiting(() => busy.Within()).Should().ThrowAsync<LinkClosedException>();
        await FluentActions.Awaiting(() => queued.Within()).Should().ThrowAsync<LinkClosedException>();
        await FluentActions.Awaiting(() => pair.Host.SendAsync(ApiRequest.Get("/api/later")).Within())
            .Should().ThrowAsync<LinkClosedException>();
        await pair.Device.Completion.Within();
    }

    [TestMethod]
    public async Task Disposing_the_host_fails_its_pending_requests()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pair = await SessionPair.StartAsync(async (_, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new UnreachableException();
        });
        Task<ApiResponse> pending = pair.Host.SendAsync(ApiRequest.Get("/api/slow"));
        await entered.Task.Within();

        await pair.Host.DisposeAsync();

        await FluentActions.Awaiting(() => pending.Within()).Should().ThrowAsync<LinkClosedException>();
        await pair.Device.Completion.Within();     // the device sees the link close too
    }

    [TestMethod]
    public async Task Handler_failure_is_reported_and_the_device_keeps_serving()
    {
        await using var pair = await SessionPair.StartAsync((request, _) => request.Path == "/api/boom"
            ? throw new InvalidOperationException("boom")
            : Task.FromResult(ApiResponse.Empty(200)));

        await FluentActions.Awaiting(() => pair.Host.SendAsync(ApiRequest.Get("/api/boom")).Within())
            .Should().ThrowAsync<TransportProtocolException>().WithMessage("*HandlerFault*boom*");
        ApiResponse next = await pair.Host.SendAsync(ApiRequest.Get("/api/fine")).Within();

        next.Status.Should().Be(200);
    }

    [TestMethod]
    public async Task A_switched_off_device_is_reported_as_such_and_the_session_stays_up()
    {
        // Arrange: a device that was shut down refuses every request until a power-on (PROTOCOL.md Reject reason 8).
        bool off = true;
        await using var pair = await SessionPair.StartAsync((_, _) => Volatile.Read(ref off)
            ? throw new DevicePoweredOffException()
            : Task.FromResult(ApiResponse.Empty(200)));

        // Act
        Func<Task> whileOff = () => pair.Host.SendAsync(ApiRequest.Get("/api/system/status")).Within();

        // Assert
        await whileOff.Should().ThrowAsync<DeviceSwitchedOffException>();
        Volatile.Write(ref off, false);
        (await pair.Host.SendAsync(ApiRequest.Get("/api/system/status")).Within()).Status.Should().Be(200);
    }

    [TestMethod]
    public async Task Cancelled_wait_leaves_the_session_usable()
    {
        // Arrange
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pair = await SessionPair.StartAsync(async (request, _) =>
        {
            if (request.Path == "/api/slow")
            {
                await release.Task;
            }
            return new ApiResponse(200, Encoding.UTF8.GetBytes(request.Path));
        });
        using var cancel = new CancellationTokenSource();
        Task<ApiResponse> abandoned = pair.Host.SendAsync(ApiRequest.Get("/api/slow"), cancel.Token);

        // Act
        await cancel.CancelAsync();
        await FluentActions.Awaiting(() => abandoned.Within()).Should().ThrowAsync<OperationCanceledException>();
        release.SetResult();
        ApiResponse next = await pair.Host.SendAsync(ApiRequest.Get("/api/next")).Within();

        // Assert: the late answer to the abandoned request goes to nobody, not to the next caller
        Encoding.UTF8.GetString(next.Body).Should().Be("/api/next");
        pair.Host.Window.InFlight.Should().Be(0, "the abandoned request held its window slot until its answer came");
    }

    [TestMethod]
    public async Task Device_answers_a_ping_while_its_handler_is_busy()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pair = await SessionPair.StartAsync(async (_, _) =>
        {
            await release.Task;
            return ApiResponse.Empty(200);
        });
        Task<ApiResponse> busy = pair.Host.SendAsync(ApiRequest.Get("/api/slow"));

        TimeSpan roundTrip = await pair.Host.PingAsync().Within();
        release.SetResult();

        roundTrip.Should().BePositive();
        (await busy.Within()).Status.Should().Be(200);
    }

    [TestMethod]
    public async Task Connect_fails_with_LinkClosedException_when_the_link_closes_before_Hello()
    {
        (IDuplexPipe host, IDuplexPipe device) = InMemoryLink.CreatePair();
        await device.Output.CompleteAsync();

        await FluentActions.Awaiting(() => HostSession.ConnectAsync(host).Within())
            .Should().ThrowAsync<LinkClosedException>();
    }

    [TestMethod]
    public async Task Device_frames_follow_the_frame_limit_the_host_advertised()
    {
        // Arrange: a host that accepts only 256-byte frames
        (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair();
        await using DeviceSession device = DeviceSession.Start(deviceEnd, Echo, Identity);
        await using HostSession host = await HostSession.ConnectAsync(hostEnd,
            new HostSessionOptions { MaxFramePayload = 256 }, CancellationToken.None).Within();
        byte[] body = new byte[10_000];
        new Random(1).NextBytes(body);

        // Act
        ApiResponse response = await host.SendAsync(ApiRequest.Post("/api/echo", body)).Within();

        // Assert: every frame fit, or the host's decoder would have counted it as oversized
        response.Body.Should().Equal(body);
        host.Connection.DecoderCounters.Errors.Should().Be(0);
        host.Connection.DecoderCounters.Frames.Should().BeGreaterThan(10_000 / 256);
    }

    private static Task<ApiResponse> Echo(ApiRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new ApiResponse(200, request.Body));

    private static void InterlockedMax(ref int target, int value)
    {
        int current = Volatile.Read(ref target);
        while (value > current)
        {
            int seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
