using System.Collections.Concurrent;
using System.Text;
using HemSim.Firmware.Device;
using HemSim.Transport.Framing;
using HemSim.Transport.Messages;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Session;

/// <summary>"A repeated request never runs twice", checked frame by frame from a raw rig (PROTOCOL.md §8.5).</summary>
public sealed partial class DeviceSessionTests
{
    private const FrameFlags Repeat = FrameFlags.Retransmission | FrameFlags.AckRequested;

    [TestMethod]
    public async Task Repeated_request_after_its_answer_gets_the_same_answer_again_and_runs_once()
    {
        // Arrange
        var calls = new CallCounter();
        await using var rig = Rig.Start(calls.Echo);
        await rig.Peer.HelloAsync();
        Frame request = rig.Peer.Frames(MessageKind.Request, Request("/api/once"))[0];
        await rig.Peer.SendFrameAsync(request);
        List<Frame> first = await rig.Peer.ReadMessageFramesAsync();

        // Act
        await rig.Peer.SendFrameAsync(request with { Flags = Repeat });
        List<Frame> again = await rig.Peer.ReadMessageFramesAsync();

        // Assert
        calls["/api/once"].Should().Be(1);
        again.Select(f => f.Sequence).Should().Equal(first.Select(f => f.Sequence), "an answer is repeated byte for byte");
        again.Should().OnlyContain(f => (f.Flags & FrameFlags.Retransmission) != 0);
        again.Select(f => f.Payload.ToArray()).Should().BeEquivalentTo(first.Select(f => f.Payload.ToArray()));
        rig.Session.RepeatedQuestions.Should().Be(1);
    }

    [TestMethod]
    public async Task Repeated_request_while_it_runs_is_acknowledged_complete_and_runs_once()
    {
        // Arrange
        var calls = new CallCounter();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var rig = Rig.Start(async (request, ct) =>
        {
            calls.Count(request.Path);
            await release.Task.WaitAsync(ct);
            return new ApiResponse(200, request.Body);
        });
        await rig.Peer.HelloAsync();
        Frame request = rig.Peer.Frames(MessageKind.Request, Request("/api/slow"))[0];
        await rig.Peer.SendFrameAsync(request);
        await calls.WaitForAsync("/api/slow");

        // Act
        await rig.Peer.SendFrameAsync(request with { Flags = Repeat });
        Frame ack = await rig.Peer.ReadNonHelloFrameAsync();
        release.SetResult();
        ResponseMessage response = await rig.Peer.ReadResponseAsync(request.Sequence);
        await rig.Peer.SendFrameAsync(FrameType.Ping, SequenceNumber.None, []);
        Frame next = await rig.Peer.ReadNonHelloFrameAsync();

        // Assert
        AssertAck(ack, request.Sequence, AckState.Complete);
        response.Status.Should().Be(200);
        next.Type.Should().Be(FrameType.Pong, "the repeat produced no second answer");
        calls["/api/slow"].Should().Be(1);
    }

    [TestMethod]
    public async Task Lost_chunk_is_reported_missing_and_the_repaired_request_runs_once()
    {
        // Arrange: a three-frame request whose middle frame is lost; its last frame asks for an Ack
        var calls = new CallCounter();
        await using var rig = Rig.Start(calls.Echo, new DeviceSessionOptions { MaxFramePayload = 1024 });
        await rig.Peer.HelloAsync();
        byte[] body = Enumerable.Range(0, 2500).Select(i => unchecked((byte)i)).ToArray();
        List<Frame> frames = rig.Peer.Frames(MessageKind.Request, Request("/api/big", body), maxFramePayload: 1024);
        frames.Should().HaveCount(3);
        await rig.Peer.SendFrameAsync(frames[0]);
        await rig.Peer.SendFrameAsync(frames[2] with { Flags = frames[2].Flags | FrameFlags.AckRequested });
        Frame partial = await rig.Peer.ReadNonHelloFrameAsync();

        // Act
        await rig.Peer.SendFrameAsync(frames[1] with { Flags = frames[1].Flags | Repeat });
        Frame complete = await rig.Peer.ReadNonHelloFrameAsync();
        ResponseMessage response = await rig.Peer.ReadResponseAsync(frames[0].Sequence);

        // Assert
        AssertAck(partial, frames[0].Sequence, AckState.Partial).Missing.Should().Equal(new MissingRange(1, 1));
        AssertAck(complete, frames[0].Sequence, AckState.Complete);
        response.Body.ToArray().Should().Equal(body);
        calls["/api/big"].Should().Be(1);
    }

    [TestMethod]
    public async Task Repeated_Hello_of_the_same_session_keeps_its_answers()
    {
        // Arrange
        var calls = new CallCounter();
        await using var rig = Rig.Start(calls.Echo);
        await rig.Peer.HelloAsync();
        Frame request = rig.Peer.Frames(MessageKind.Request, Request("/api/kept"))[0];
        await rig.Peer.SendFrameAsync(request);
        await rig.Peer.ReadResponseAsync(request.Sequence);

        // Act: the device's Hello answer was lost, so the host says Hello again with the same session id
        await rig.Peer.HelloAsync();
        await rig.Peer.SendFrameAsync(request with { Flags = Repeat });
        ResponseMessage replayed = await rig.Peer.ReadResponseAsync(request.Sequence);

        // Assert
        Encoding.UTF8.GetString(replayed.Body.Span).Should().Be("/api/kept");
        calls["/api/kept"].Should().Be(1);
    }

    [TestMethod]
    public async Task Host_starting_over_on_the_same_line_gets_its_own_answer_for_a_reused_id()
    {
        // Arrange: a first host's request 2 was answered
        var calls = new CallCounter();
        await using var rig = Rig.Start(calls.Echo);
        await rig.Peer.HelloAsync();
        uint old = await rig.Peer.SendRequestAsync(new RequestMessage("GET", "/api/old", false, Encoding.UTF8.GetBytes("/api/old")));
        await rig.Peer.ReadResponseAsync(old);

        // Act: a restarted host numbers from 1 again and says Hello with a new session id
        var restarted = new RawPeer(rig.HostEnd) { SessionId = 8 };
        await restarted.HelloAsync();
        uint reused = await restarted.SendRequestAsync(new RequestMessage("GET", "/api/new", false, Encoding.UTF8.GetBytes("/api/new")));
        ResponseMessage response = await restarted.ReadResponseAsync(reused);

        // Assert
        reused.Should().Be(old);
        Encoding.UTF8.GetString(response.Body.Span).Should().Be("/api/new");
        calls["/api/old"].Should().Be(1);
        calls["/api/new"].Should().Be(1);
    }

    [TestMethod]
    public async Task Answer_of_an_ended_session_never_reaches_the_next_host()
    {
        // Arrange: the first host's request is running when a new host says Hello
        var calls = new CallCounter();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var rig = Rig.Start(async (request, ct) =>
        {
            calls.Count(request.Path);
            if (request.Path == "/api/slow")
            {
                await release.Task.WaitAsync(ct);
            }
            return new ApiResponse(200, Encoding.UTF8.GetBytes(request.Path));
        });
        await rig.Peer.HelloAsync();
        uint slow = await rig.Peer.SendRequestAsync(new RequestMessage("GET", "/api/slow", false, ReadOnlyMemory<byte>.Empty));
        await calls.WaitForAsync("/api/slow");
        var restarted = new RawPeer(rig.HostEnd) { SessionId = 8 };
        await restarted.HelloAsync();
        uint mine = await restarted.SendRequestAsync(new RequestMessage("GET", "/api/mine", false, ReadOnlyMemory<byte>.Empty));

        // Act
        release.SetResult();
        List<Frame> answer = await restarted.ReadMessageFramesAsync();

        // Assert: the same id, but the answer is the new host's
        mine.Should().Be(slow);
        MessageCodec.TryDecode(MessageKind.Response, answer[0].Payload.Span, out Message? decoded).Should().BeTrue();
        Encoding.UTF8.GetString(((ResponseMessage)decoded!).Body.Span).Should().Be("/api/mine");
        calls["/api/slow"].Should().Be(1);
        calls["/api/mine"].Should().Be(1);
    }

    [TestMethod]
    public async Task Question_forgotten_long_ago_is_ignored_not_run_again()
    {
        // Arrange: the device keeps one answer only; request A's answer is pushed out by B's
        var calls = new CallCounter();
        await using var rig = Rig.Start(calls.Echo, new DeviceSessionOptions { ReceiveWindow = 1, AnswerCacheSize = 1 });
        await rig.Peer.HelloAsync();
        Frame a = rig.Peer.Frames(MessageKind.Request, Request("/api/a"))[0];
        await rig.Peer.SendFrameAsync(a);
        await rig.Peer.ReadResponseAsync(a.Sequence);
        uint b = await rig.Peer.SendMessageAsync(MessageKind.Request, Request("/api/b"));
        await rig.Peer.ReadResponseAsync(b);

        // Act
        await rig.Peer.SendFrameAsync(a with { Flags = Repeat });
        await rig.Peer.SendFrameAsync(FrameType.Ping, SequenceNumber.None, []);
        Frame next = await rig.Peer.ReadNonHelloFrameAsync();

        // Assert
        next.Type.Should().Be(FrameType.Pong);
        calls["/api/a"].Should().Be(1);
        rig.Session.StaleFrames.Should().Be(1);
    }

    [TestMethod]
    public async Task Multi_frame_answer_asks_for_an_Ack_and_a_partial_Ack_gets_the_missing_frames_again()
    {
        // Arrange: a host that takes 256-byte frames gets a 1000-byte answer in several frames
        await using var rig = Rig.Start(Echo);
        await rig.Peer.HelloAsync(maxFramePayload: 256);
        uint request = await rig.Peer.SendMessageAsync(MessageKind.Request, Request("/api/echo", new byte[1000]));
        List<Frame> answer = await rig.Peer.ReadMessageFramesAsync();

        // Act
        await rig.Peer.SendFrameAsync(FrameType.Ack, answer[0].Sequence,
            Acknowledgement.Partial([new MissingRange(1, 2)]).Encode());
        Frame first = await rig.Peer.ReadNonHelloFrameAsync();
        Frame second = await rig.Peer.ReadNonHelloFrameAsync();

        // Assert
        answer[0].Reference.Should().Be(request);
        answer[^1].Flags.Should().HaveFlag(FrameFlags.AckRequested);
        answer.SkipLast(1).Should().OnlyContain(f => (f.Flags & FrameFlags.AckRequested) == 0);
        first.Sequence.Should().Be(answer[1].Sequence);
        second.Sequence.Should().Be(answer[2].Sequence);
        first.Flags.Should().Be(FrameFlags.More | FrameFlags.Retransmission);
        second.Flags.Should().Be(FrameFlags.More | FrameFlags.Retransmission | FrameFlags.AckRequested);
        second.Payload.ToArray().Should().Equal(answer[2].Payload.ToArray());
    }

    [TestMethod]
    public async Task Poll_of_a_multi_frame_answer_gets_its_first_frame_and_an_Ack_gets_the_rest()
    {
        // Arrange: an answered question whose answer takes several 256-byte frames
        await using var rig = Rig.Start(Echo);
        await rig.Peer.HelloAsync(maxFramePayload: 256);
        List<Frame> question = rig.Peer.Frames(MessageKind.Request, Request("/api/echo", new byte[1000]));
        foreach (Frame frame in question)
        {
            await rig.Peer.SendFrameAsync(frame);
        }
        List<Frame> answer = await rig.Peer.ReadMessageFramesAsync();

        // Act: the same poll twice (a duplicate), then the Ack a host without the rest sends
        await rig.Peer.SendFrameAsync(question[^1] with { Flags = question[^1].Flags | Repeat });
        await rig.Peer.SendFrameAsync(question[^1] with { Flags = question[^1].Flags | Repeat });
        Frame firstPoll = await rig.Peer.ReadNonHelloFrameAsync();
        Frame secondPoll = await rig.Peer.ReadNonHelloFrameAsync();
        await rig.Peer.SendFrameAsync(FrameType.Ack, answer[0].Sequence,
            Acknowledgement.Partial([new MissingRange(1, (uint)answer.Count - 1)]).Encode());
        var rest = new List<Frame>();
        for (int i = 1; i < answer.Count; i++)
        {
            rest.Add(await rig.Peer.ReadNonHelloFrameAsync());
        }

        // Assert: one frame per poll, not the whole answer each time; the Ack brings exactly the rest
        answer.Count.Should().BeGreaterThan(2);
        firstPoll.Sequence.Should().Be(answer[0].Sequence);
        secondPoll.Sequence.Should().Be(answer[0].Sequence, "a duplicate poll costs one frame too");
        firstPoll.Flags.Should().HaveFlag(FrameFlags.AckRequested).And.HaveFlag(FrameFlags.Retransmission);
        firstPoll.Payload.ToArray().Should().Equal(answer[0].Payload.ToArray());
        rest.Select(f => f.Sequence).Should().Equal(answer.Skip(1).Select(f => f.Sequence));
    }

    private static byte[] Request(string path, byte[]? body = null) =>
        MessageCodec.Encode(new RequestMessage("POST", path, true, body ?? Encoding.UTF8.GetBytes(path)));

    private static Acknowledgement AssertAck(Frame frame, uint id, AckState state)
    {
        frame.Type.Should().Be(FrameType.Ack);
        frame.Reference.Should().Be(id);
        Acknowledgement.TryDecode(frame.Payload.Span, out Acknowledgement? ack).Should().BeTrue();
        ack!.State.Should().Be(state);
        return ack;
    }

    /// <summary>Counts handler calls by request path, and lets a test wait for the first call of one.</summary>
    private sealed class CallCounter
    {
        private readonly ConcurrentDictionary<string, int> _calls = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _entered = new();

        public int this[string path] => _calls.GetValueOrDefault(path);

        public void Count(string path)
        {
            _calls.AddOrUpdate(path, 1, (_, n) => n + 1);
            Entered(path).TrySetResult();
        }

        public Task WaitForAsync(string path) => Entered(path).Task.Within();

        public Task<ApiResponse> Echo(ApiRequest request, CancellationToken cancellationToken)
        {
            Count(request.Path);
            return Task.FromResult(new ApiResponse(200, request.Body));
        }

        private TaskCompletionSource Entered(string path) =>
            _entered.GetOrAdd(path, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
