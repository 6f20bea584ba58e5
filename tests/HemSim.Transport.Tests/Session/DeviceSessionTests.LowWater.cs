using HemSim.Transport.Framing;
using HemSim.Transport.Messages;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Session;

/// <summary>The host's low-water mark decides what the device may forget (PROTOCOL.md §8.5).</summary>
public sealed partial class DeviceSessionTests
{
    [TestMethod]
    public async Task Question_before_the_low_water_mark_is_forgotten_and_its_repeat_ignored()
    {
        // Arrange: A is answered; B's first frame says nothing before B is outstanding any more
        var calls = new CallCounter();
        await using var rig = Rig.Start(calls.Echo);
        await rig.Peer.HelloAsync();
        Frame a = rig.Peer.Frames(MessageKind.Request, Request("/api/a"))[0];
        await rig.Peer.SendFrameAsync(a);
        await rig.Peer.ReadResponseAsync(a.Sequence);
        Frame b = rig.Peer.Frames(MessageKind.Request, Request("/api/b"))[0];
        await rig.Peer.SendFrameAsync(b with { Reference = b.Sequence });
        await rig.Peer.ReadResponseAsync(b.Sequence);

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
    public async Task Answer_of_an_outstanding_question_is_kept_while_the_low_water_mark_holds_it()
    {
        // Arrange: room for one answer in the fallback, but B's mark says A is still outstanding (the device
        // takes one question at a time with a window of 1, so B goes once A is answered)
        var calls = new CallCounter();
        await using var rig = Rig.Start(calls.Echo, new DeviceSessionOptions { ReceiveWindow = 1, AnswerCacheSize = 1 });
        await rig.Peer.HelloAsync();
        Frame a = rig.Peer.Frames(MessageKind.Request, Request("/api/a"))[0];
        await rig.Peer.SendFrameAsync(a with { Reference = a.Sequence });
        await rig.Peer.ReadResponseAsync(a.Sequence);
        Frame b = rig.Peer.Frames(MessageKind.Request, Request("/api/b"))[0];
        await rig.Peer.SendFrameAsync(b with { Reference = a.Sequence });
        await rig.Peer.ReadResponseAsync(b.Sequence);

        // Act
        await rig.Peer.SendFrameAsync(a with { Reference = a.Sequence, Flags = Repeat });
        ResponseMessage replayed = await rig.Peer.ReadResponseAsync(a.Sequence);

        // Assert
        replayed.Status.Should().Be(200);
        calls["/api/a"].Should().Be(1);
    }

    [TestMethod]
    public async Task Repeat_of_a_question_whose_answer_was_discarded_is_refused_not_run()
    {
        // Arrange: the byte limit keeps only the newest answer's content
        var calls = new CallCounter();
        await using var rig = Rig.Start(calls.Echo, new DeviceSessionOptions { AnswerCacheBytes = 1 });
        await rig.Peer.HelloAsync();
        Frame a = rig.Peer.Frames(MessageKind.Request, Request("/api/a"))[0];
        await rig.Peer.SendFrameAsync(a with { Reference = a.Sequence });
        Frame b = rig.Peer.Frames(MessageKind.Request, Request("/api/b"))[0];
        await rig.Peer.SendFrameAsync(b with { Reference = a.Sequence });
        await rig.Peer.ReadResponseAsync(a.Sequence);
        await rig.Peer.ReadResponseAsync(b.Sequence);

        // Act
        await rig.Peer.SendFrameAsync(a with { Reference = a.Sequence, Flags = Repeat });
        Frame answer = await rig.Peer.ReadNonHelloFrameAsync();

        // Assert
        AssertRejected(answer, a.Sequence, RejectReason.AnswerDiscarded);
        calls["/api/a"].Should().Be(1);
    }

    [TestMethod]
    public async Task Low_water_mark_after_its_own_question_is_ignored()
    {
        var calls = new CallCounter();
        await using var rig = Rig.Start(calls.Echo);
        await rig.Peer.HelloAsync();
        Frame a = rig.Peer.Frames(MessageKind.Request, Request("/api/a"))[0];
        await rig.Peer.SendFrameAsync(a with { Reference = a.Sequence + 1000 });
        await rig.Peer.ReadResponseAsync(a.Sequence);

        await rig.Peer.SendFrameAsync(a with { Flags = Repeat });
        ResponseMessage replayed = await rig.Peer.ReadResponseAsync(a.Sequence);

        replayed.Status.Should().Be(200);
        calls["/api/a"].Should().Be(1);
    }
}
