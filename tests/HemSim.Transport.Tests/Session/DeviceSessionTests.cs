using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using HemSim.Firmware.Device;
using HemSim.Transport.Control;
using HemSim.Transport.Framing;
using HemSim.Transport.Links;
using HemSim.Transport.Messages;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Session;

/// <summary>The device end driven by a raw frame rig, as a test rig in another language would drive it.</summary>
[TestClass]
public sealed partial class DeviceSessionTests
{
    private const string Identity = "HemSim PPA DIAG 1.2.2-sim";

    [TestMethod]
    public async Task Device_says_an_unsolicited_Hello_when_it_starts()
    {
        await using var rig = Rig.Start(Echo);

        Frame first = await rig.Peer.ReadFrameAsync();

        first.Type.Should().Be(FrameType.Hello);
        first.Reference.Should().Be(SequenceNumber.None);
        Hello.TryDecode(first.Payload.Span, out Hello? hello).Should().BeTrue();
        hello!.Role.Should().Be(PeerRole.Device);
        hello.SessionId.Should().Be(0);
    }

    [TestMethod]
    public async Task Device_answers_Hello_with_its_identity_limits_window_and_the_host_session_id()
    {
        await using var rig = Rig.Start(Echo);
        rig.Peer.SessionId = 0xCAFE;

        Hello hello = await rig.Peer.HelloAsync();

        hello.Role.Should().Be(PeerRole.Device);
        hello.Identity.Should().Be(Identity);
        hello.ProtocolVersion.Should().Be(2);
        hello.SessionId.Should().Be(0xCAFE);
        hello.MaxFramePayload.Should().Be(FrameLayout.DefaultMaxPayload);
        hello.MaxMessageLength.Should().Be(MessageLimits.DefaultMaxMessageLength);
        hello.ReceiveWindow.Should().Be(8);
        hello.ReceiveWindowBytes.Should().Be((uint)MessageLimits.DefaultMaxMessageLength);
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
    public async Task Control_message_without_a_handler_is_answered_Unsupported()
    {
        // Arrange
        await using var rig = Rig.Start(Echo);
        await rig.Peer.HelloAsync();

        // Act
        uint sequence = await rig.Peer.SendMessageAsync(MessageKind.Control,
            MessageCodec.Encode(new ControlMessage(ControlOperation.PowerCycle, ReadOnlyMemory<byte>.Empty)));
        Frame answer = await rig.Peer.ReadNonHelloFrameAsync();

        // Assert
        answer.Type.Should().Be(FrameType.ControlResult);
        answer.Reference.Should().Be(sequence);
        MessageCodec.TryDecode(MessageKind.ControlResult, answer.Payload.Span, out Message? result).Should().BeTrue();
        ((ControlResultMessage)result!).Status.Should().Be(ControlStatus.Unsupported);
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
        Frame answer = await rig.Peer.ReadNonHelloFrameAsync();

        AssertRejected(answer, sequence, RejectReason.MalformedMessage);
        calls.Should().Be(0);
    }

    [TestMethod]
    public async Task Response_kind_sent_by_a_host_is_rejected_as_unsupported()
    {
        await using var rig = Rig.Start(Echo);
        await rig.Peer.HelloAsync();

        uint sequence = await rig.Peer.SendMessageAsync(MessageKind.Response,
            MessageCodec.Encode(new ResponseMessage(200, "application/json", ResponseMessageFlags.None, 0, ReadOnlyMemory<byte>.Empty)));
        Frame answer = await rig.Peer.ReadNonHelloFrameAsync();

        AssertRejected(answer, sequence, RejectReason.UnsupportedMessage);
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
    public async Task Request_before_Hello_is_rejected_with_NoSession_and_not_carried_out()
    {
        int calls = 0;
        await using var rig = Rig.Start((_, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(ApiResponse.Empty(200));
        });

        uint sequence = await rig.Peer.SendRequestAsync(new RequestMessage("GET", "/", false, ReadOnlyMemory<byte>.Empty));
        Frame answer = await rig.Peer.ReadNonHelloFrameAsync();

        AssertRejected(answer, sequence, RejectReason.NoSession);
        calls.Should().Be(0);
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

        public static Rig Start(Func<ApiRequest, CancellationToken, Task<ApiResponse>> handler, DeviceSessionOptions? options = null)
        {
            (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair();
            return new Rig(hostEnd, DeviceSession.Start(deviceEnd, handler, Identity, options));
        }

        public ValueTask DisposeAsync() => Session.DisposeAsync();
    }
}
