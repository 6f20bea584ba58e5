using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using HemSim.Firmware.Device;
using HemSim.Transport.Framing;
using HemSim.Transport.Links;
using HemSim.Transport.Messages;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Session;

/// <summary>The device end driven by a raw frame rig, as a test rig in another language would drive it.</summary>
[TestClass]
public sealed class DeviceSessionTests
{
    private const string Identity = "HemSim PPA DIAG 1.2.2-sim";

    [TestMethod]
    public async Task Device_answers_Hello_with_its_identity_and_limits()
    {
        await using var rig = Rig.Start(Echo);

        Hello hello = await rig.Peer.HelloAsync();

        hello.Role.Should().Be(PeerRole.Device);
        hello.Identity.Should().Be(Identity);
        hello.ProtocolVersion.Should().Be(1);
        hello.MaxFramePayload.Should().Be(FrameLayout.DefaultMaxPayload);
        hello.MaxMessageLength.Should().Be(MessageLimits.DefaultMaxMessageLength);
    }

    [TestMethod]
    public async Task Response_refers_to_the_request_sequence_number()
    {
        // Arrange
        await using var rig = Rig.Start(Echo);
        await rig.Peer.HelloAsync();

        // Act
        uint sequence = await rig.Peer.SendRequestAsync(
            new RequestMessage("POST", "/api/echo", true, Encoding.UTF8.GetBytes("hi")));
        ResponseMessage response = await rig.Peer.ReadResponseAsync(sequence);

        // Assert
        response.Status.Should().Be(200);
        Encoding.UTF8.GetString(response.Body.Span).Should().Be("hi");
    }

    [TestMethod]
    public async Task Requests_reach_the_handler_in_arrival_order()
    {
        // Arrange
        var order = new ConcurrentQueue<string>();
        await using var rig = Rig.Start((request, _) =>
        {
            order.Enqueue(request.Path);
            return Task.FromResult(ApiResponse.Empty(204));
        });
        await rig.Peer.HelloAsync();
        var sequences = new List<uint>();

        // Act
        for (int i = 0; i < 5; i++)
        {
            sequences.Add(await rig.Peer.SendRequestAsync(
                new RequestMessage("GET", $"/api/{i}", false, ReadOnlyMemory<byte>.Empty)));
        }
        foreach (uint sequence in sequences)
        {
            await rig.Peer.ReadResponseAsync(sequence);
        }

        // Assert
        order.Should().Equal("/api/0", "/api/1", "/api/2", "/api/3", "/api/4");
    }

    [TestMethod]
    public async Task Control_message_is_rejected_as_unsupported()
    {
        await using var rig = Rig.Start(Echo);
        await rig.Peer.HelloAsync();

        uint sequence = await rig.Peer.SendMessageAsync(MessageKind.Control, [0x01, 0x00]);
        Frame answer = await rig.Peer.ReadFrameAsync();

        AssertRejected(answer, sequence, RejectReason.UnsupportedMessage);
    }

    [TestMethod]
    public async Task Malformed_request_is_rejected_and_never_reaches_the_handler()
    {
        int calls = 0;
        await using var rig = Rig.Start((_, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(ApiResponse.Empty(200));
        });
        await rig.Peer.HelloAsync();

        uint sequence = await rig.Peer.SendMessageAsync(MessageKind.Request, [0x00, 0x01, 0xFF, 0x00]);
        Frame answer = await rig.Peer.ReadFrameAsync();

        AssertRejected(answer, sequence, RejectReason.MalformedMessage);
        calls.Should().Be(0);
    }

    [TestMethod]
    public async Task Request_with_a_lost_chunk_is_rejected_as_incomplete()
    {
        // Arrange
        await using var rig = Rig.Start(Echo);
        await rig.Peer.HelloAsync();
        uint first = await rig.Peer.SendFrameAsync(FrameType.Request, 0, [0x00], FrameFlags.More);
        await rig.Peer.SendFrameAsync(FrameType.Ping, 0, []);   // uses a sequence number: the chunk below now has a gap

        // Act
        await rig.Peer.SendFrameAsync(FrameType.Chunk, first, [0x01], FrameFlags.None);
        Frame pong = await rig.Peer.ReadFrameAsync();
        Frame answer = await rig.Peer.ReadFrameAsync();

        // Assert
        pong.Type.Should().Be(FrameType.Pong);
        AssertRejected(answer, first, RejectReason.IncompleteMessage);
    }

    [TestMethod]
    public async Task Garbage_on_the_line_does_not_stop_the_device()
    {
        // Arrange
        await using var rig = Rig.Start(Echo);
        byte[] noise = new byte[5000];
        new Random(99).NextBytes(noise);
        await rig.Peer.WriteRawAsync(noise);

        // Act
        await rig.Peer.HelloAsync();
        uint sequence = await rig.Peer.SendRequestAsync(new RequestMessage("GET", "/", false, new byte[] { 7 }));
        ResponseMessage response = await rig.Peer.ReadResponseAsync(sequence);

        // Assert
        response.Body.ToArray().Should().Equal(7);
        rig.Session.Connection.DecoderCounters.Errors.Should().BeGreaterThan(0);
    }

    [TestMethod]
    public async Task Device_serves_a_rig_that_sends_a_request_without_Hello()
    {
        await using var rig = Rig.Start(Echo);

        uint sequence = await rig.Peer.SendRequestAsync(new RequestMessage("GET", "/", false, ReadOnlyMemory<byte>.Empty));
        ResponseMessage response = await rig.Peer.ReadResponseAsync(sequence);

        response.Status.Should().Be(200);
    }

    [TestMethod]
    public async Task Device_session_completes_when_the_host_closes_the_link()
    {
        await using var rig = Rig.Start(Echo);

        await rig.HostEnd.Output.CompleteAsync();

        await rig.Session.Completion.Within();
    }

    private static void AssertRejected(Frame answer, uint sequence, RejectReason reason)
    {
        answer.Type.Should().Be(FrameType.Reject);
        answer.Reference.Should().Be(sequence);
        Rejection.TryDecode(answer.Payload.Span, out Rejection? rejection).Should().BeTrue();
        rejection!.Reason.Should().Be(reason);
    }

    private static Task<ApiResponse> Echo(ApiRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new ApiResponse(200, request.Body));

    private sealed class Rig(IDuplexPipe hostEnd, DeviceSession session) : IAsyncDisposable
    {
        public IDuplexPipe HostEnd { get; } = hostEnd;

        public RawPeer Peer { get; } = new(hostEnd);

        public DeviceSession Session { get; } = session;

        public static Rig Start(Func<ApiRequest, CancellationToken, Task<ApiResponse>> handler)
        {
            (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair();
            return new Rig(hostEnd, DeviceSession.Start(deviceEnd, handler, Identity));
        }

        public ValueTask DisposeAsync() => Session.DisposeAsync();
    }
}
