using System.IO.Pipelines;
using HemSim.Firmware.Device;
using HemSim.Transport.Control;
using HemSim.Transport.Framing;
using HemSim.Transport.Links;
using HemSim.Transport.Messages;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Session;

/// <summary>Losing the link, a device that restarts, and a host that reconnects over the same line (PROTOCOL.md §7.5, §7.6).</summary>
[TestClass]
public sealed class LinkLossTests
{
    [TestMethod]
    public async Task Failing_link_fails_sent_and_waiting_requests_with_one_LinkClosedException()
    {
        // Arrange: window 1, so one request is at the device and two wait for the window
        (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using DeviceSession device = DeviceSession.Start(deviceEnd, async (_, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return ApiResponse.Empty(200);
        }, SessionPair.Identity, new DeviceSessionOptions { ReceiveWindow = 1 });
        await using HostSession host = await HostSession.ConnectAsync(hostEnd).Within();
        Task<ApiResponse>[] pending = Enumerable.Range(0, 3).Select(i => host.SendAsync(ApiRequest.Get($"/api/{i}"))).ToArray();
        await entered.Task.Within();

        // Act: the line dies under the host's reader
        await deviceEnd.Output.CompleteAsync(new IOException("cable unplugged"));

        // Assert
        foreach (Task<ApiResponse> request in pending)
        {
            await FluentActions.Awaiting(() => request.Within()).Should().ThrowAsync<LinkClosedException>()
                .WithMessage("The link to the device failed: cable unplugged");
        }
        await FluentActions.Awaiting(() => host.SendAsync(ApiRequest.Get("/api/later")))
            .Should().ThrowAsync<LinkClosedException>().WithMessage("The link to the device failed: cable unplugged");
        await FluentActions.Awaiting(() => host.ControlAsync(ControlOperation.Reset, ReadOnlyMemory<byte>.Empty))
            .Should().ThrowAsync<LinkClosedException>();
    }

    [TestMethod]
    public async Task Host_reconnecting_over_the_same_line_gets_a_new_session_and_old_requests_are_not_replayed()
    {
        // Arrange: the first host's request is in the handler when that host goes away
        (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair();
        var line = new SharedLine(hostEnd);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new ExecutionCounter();
        await using DeviceSession device = DeviceSession.Start(deviceEnd, async (request, ct) =>
        {
            if (request.Path == "/api/first")
            {
                entered.TrySetResult();
                await release.Task.WaitAsync(ct);
            }
            return await runs.Handle(request, ct);
        }, SessionPair.Identity);
        HostSession first = await HostSession.ConnectAsync(line.Attach()).Within();
        Task<ApiResponse> abandoned = first.SendAsync(ApiRequest.Get("/api/first"));
        await entered.Task.Within();
        await first.DisposeAsync();

        // Act: a new host on the same line; its first request reuses the first host's request id
        await using HostSession second = await HostSession.ConnectAsync(line.Attach()).Within();
        Task<ApiResponse> mine = second.SendAsync(ApiRequest.Get("/api/second"));
        release.SetResult();
        ApiResponse response = await mine.Within();

        // Assert
        ExecutionCounter.Text(response).Should().Be("/api/second:");
        await FluentActions.Awaiting(() => abandoned.Within()).Should().ThrowAsync<LinkClosedException>();
        runs["/api/first"].Should().Be(1);
        runs["/api/second"].Should().Be(1);
        device.Completion.IsCompleted.Should().BeFalse("the device session survives its host");
    }

    [TestMethod]
    public async Task Device_restart_announced_by_its_Hello_ends_the_host_session()
    {
        // Arrange: a raw device that answers the handshake, then restarts
        (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair();
        var device = new RawPeer(deviceEnd);
        Task<HostSession> connecting = HostSession.ConnectAsync(hostEnd);
        await AnswerHelloAsync(device);
        await using HostSession host = await connecting.Within();
        Task<ApiResponse> pending = host.SendAsync(ApiRequest.Get("/api/pending"));
        await device.ReadFrameAsync(f => f.Type == FrameType.Request);

        // Act
        await device.SendFrameAsync(FrameType.Hello, SequenceNumber.None, DeviceHello(sessionId: 0).Encode());

        // Assert
        await FluentActions.Awaiting(() => pending.Within()).Should().ThrowAsync<LinkClosedException>()
            .WithMessage("*device restarted*");
    }

    [TestMethod]
    public async Task NoSession_reject_ends_the_host_session()
    {
        (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair();
        var device = new RawPeer(deviceEnd);
        Task<HostSession> connecting = HostSession.ConnectAsync(hostEnd);
        await AnswerHelloAsync(device);
        await using HostSession host = await connecting.Within();
        Task<ApiResponse> pending = host.SendAsync(ApiRequest.Get("/api/pending"));
        Frame request = await device.ReadFrameAsync(f => f.Type == FrameType.Request);

        await device.SendFrameAsync(FrameType.Reject, request.Sequence, new Rejection(RejectReason.NoSession, "").Encode());

        await FluentActions.Awaiting(() => pending.Within()).Should().ThrowAsync<LinkClosedException>()
            .WithMessage("*no session*");
    }

    [TestMethod]
    public async Task Host_ignores_a_stale_NoSession_reject_that_arrives_during_its_handshake()
    {
        // Arrange: on a shared line, a Reject(NoSession) meant for an earlier host arrives first.
        (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair();
        var device = new RawPeer(deviceEnd);
        Task<HostSession> connecting = HostSession.ConnectAsync(hostEnd);
        Frame hello = await device.ReadFrameAsync(f => f.Type == FrameType.Hello);
        await device.SendFrameAsync(FrameType.Reject, 7, new Rejection(RejectReason.NoSession, "").Encode());

        // Act: then the device answers this host's Hello.
        Hello.TryDecode(hello.Payload.Span, out Hello? hostHello).Should().BeTrue();
        await device.SendFrameAsync(FrameType.Hello, hello.Sequence, DeviceHello(hostHello!.SessionId).Encode());

        // Assert (PROTOCOL.md §7.1(3)): the handshake completes and the session works.
        await using HostSession host = await connecting.Within();
        host.DeviceIdentity.Should().Be("raw device");
    }

    [TestMethod]
    public async Task Host_ignores_a_Hello_answer_meant_for_an_earlier_host_on_the_line()
    {
        // Arrange
        (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair();
        var device = new RawPeer(deviceEnd);
        Task<HostSession> connecting = HostSession.ConnectAsync(hostEnd);
        Frame hello = await device.ReadFrameAsync(f => f.Type == FrameType.Hello);
        Hello.TryDecode(hello.Payload.Span, out Hello? hostHello).Should().BeTrue();

        // Act: an answer with the same reference but another session id comes first
        await device.SendFrameAsync(FrameType.Hello, hello.Sequence, DeviceHello(hostHello!.SessionId + 1).Encode());
        uint ping = await device.SendFrameAsync(FrameType.Ping, SequenceNumber.None, []);
        await device.ReadFrameAsync(f => f.Type == FrameType.Pong && f.Reference == ping);     // the host has read the Hello before it
        bool connectedEarly = connecting.IsCompleted;
        await device.SendFrameAsync(FrameType.Hello, hello.Sequence, DeviceHello(hostHello.SessionId).Encode());
        await using HostSession host = await connecting.Within();

        // Assert
        connectedEarly.Should().BeFalse();
        host.DeviceIdentity.Should().Be("raw device");
    }

    [TestMethod]
    public async Task Host_refuses_a_version_1_device_that_would_run_repeats_twice()
    {
        (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair();
        var device = new RawPeer(deviceEnd);
        Task<HostSession> connecting = HostSession.ConnectAsync(hostEnd);
        Frame hello = await device.ReadFrameAsync(f => f.Type == FrameType.Hello);

        await device.SendFrameAsync(FrameType.Hello, hello.Sequence, (DeviceHello(99) with { ProtocolVersion = 1 }).Encode());

        await FluentActions.Awaiting(() => connecting.Within()).Should().ThrowAsync<TransportProtocolException>()
            .WithMessage("*version 1*");
    }

    [TestMethod]
    public async Task Silent_device_fails_the_handshake_with_DeviceTimeoutException()
    {
        (IDuplexPipe hostEnd, _) = InMemoryLink.CreatePair();
        var options = new HostSessionOptions
        {
            InitialRetransmitTimeout = TimeSpan.FromMilliseconds(10),
            MaxRetransmitTimeout = TimeSpan.FromMilliseconds(20),
            MaxRetransmissions = 2,
        };

        await FluentActions.Awaiting(() => HostSession.ConnectAsync(hostEnd, options).Within())
            .Should().ThrowAsync<DeviceTimeoutException>().WithMessage("*Hello (3 sent)*");
    }

    private static async Task AnswerHelloAsync(RawPeer device)
    {
        Frame hello = await device.ReadFrameAsync(f => f.Type == FrameType.Hello);
        Hello.TryDecode(hello.Payload.Span, out Hello? hostHello).Should().BeTrue();
        await device.SendFrameAsync(FrameType.Hello, hello.Sequence, DeviceHello(hostHello!.SessionId).Encode());
    }

    private static Hello DeviceHello(uint sessionId) =>
        new(Hello.CurrentProtocolVersion, PeerRole.Device, FrameLayout.DefaultMaxPayload, MessageLimits.DefaultMaxMessageLength,
            sessionId, 8, "raw device");
}
