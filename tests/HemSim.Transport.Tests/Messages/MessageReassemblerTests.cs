using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Tests.Messages;

[TestClass]
public sealed class MessageReassemblerTests
{
    [TestMethod]
    public void Request_with_a_1_MiB_body_survives_chunking_and_reassembly()
    {
        // Arrange
        byte[] body = new byte[1024 * 1024];
        new Random(3).NextBytes(body);
        var request = new RequestMessage("POST", "/api/crypto/hmac/hash", true, body) { ContentType = "application/json" };
        byte[] content = MessageCodec.Encode(request);
        List<Frame> frames = MessageChunker.Split(MessageKind.Request, 10, 0, content, 4096).ToList();
        var reassembler = new MessageReassembler();
        InboundMessage? completed = null;

        // Act
        foreach (Frame frame in frames)
        {
            completed.Should().BeNull("only the last frame completes the message");
            reassembler.Accept(frame, out completed);
        }

        // Assert
        frames.Should().HaveCount(MessageChunker.CountFrames(content.Length, 4096));
        frames.Should().OnlyContain(f => f.Payload.Length <= 4096);
        frames.Skip(1).Should().OnlyContain(f => f.Type == FrameType.Chunk && f.Reference == 10);
        frames.SkipLast(1).Should().OnlyContain(f => f.HasMore);
        frames[^1].HasMore.Should().BeFalse();
        completed!.Value.Sequence.Should().Be(10);
        MessageCodec.TryDecode(MessageKind.Request, completed.Value.Content.Span, out Message? decoded).Should().BeTrue();
        ((RequestMessage)decoded!).Body.ToArray().Should().Equal(body);
        reassembler.BufferedBytes.Should().Be(0);
    }

    [TestMethod]
    public void Single_frame_message_completes_at_once()
    {
        var reassembler = new MessageReassembler();
        ReadOnlyMemory<byte> payload = new byte[] { 1 };

        FrameAcceptance accepted = reassembler.Accept(new Frame(FrameType.Response, FrameFlags.None, 5, 3, payload),
            out InboundMessage? completed);

        accepted.Should().Be(FrameAcceptance.Completed);
        completed!.Value.Kind.Should().Be(MessageKind.Response);
        completed.Value.Sequence.Should().Be(5);
        completed.Value.Reference.Should().Be(3);
        completed.Value.Content.ToArray().Should().Equal(1);
    }

    [TestMethod]
    public void Frames_in_any_order_and_twice_complete_the_message_once()
    {
        // Arrange: every frame twice, shuffled, the first frame last of all
        byte[] content = Enumerable.Range(0, 10_000).Select(i => unchecked((byte)i)).ToArray();
        List<Frame> frames = MessageChunker.Split(MessageKind.Request, 100, 0, content, 1000).ToList();
        var random = new Random(5);
        List<Frame> shuffled = [.. frames.Skip(1).Concat(frames.Skip(1)).OrderBy(_ => random.Next()), frames[0]];
        var reassembler = new MessageReassembler();
        var completions = new List<InboundMessage>();

        // Act
        foreach (Frame frame in shuffled)
        {
            if (reassembler.Accept(frame, out InboundMessage? completed) == FrameAcceptance.Completed)
            {
                completions.Add(completed!.Value);
            }
        }
        long duplicates = reassembler.DuplicateFrames;
        FrameAcceptance late = reassembler.Accept(frames[3], out _);

        // Assert
        completions.Should().ContainSingle().Which.Content.ToArray().Should().Equal(content);
        duplicates.Should().Be(frames.Count - 1);
        late.Should().Be(FrameAcceptance.Duplicate, "a frame of a message completed recently is a late duplicate");
    }

    [TestMethod]
    public void Missing_frames_are_described_as_ranges_and_the_unseen_tail_as_open_ended()
    {
        // Arrange: frames 0, 1, 4 and 6 of at least 7 arrived; the last frame did not
        List<Frame> frames = MessageChunker.Split(MessageKind.Request, 1, 0, new byte[10 * 300], 300).ToList();
        var reassembler = new MessageReassembler();
        foreach (int index in new[] { 0, 1, 4, 6 })
        {
            reassembler.Accept(frames[index], out _);
        }

        // Act
        Acknowledgement ack = reassembler.Describe(1);

        // Assert
        ack.State.Should().Be(AckState.Partial);
        ack.Missing.Should().Equal(new MissingRange(2, 2), new MissingRange(5, 1), new MissingRange(7, 0));
    }

    [TestMethod]
    public void Missing_frames_of_a_message_whose_last_frame_arrived_are_closed_ranges()
    {
        List<Frame> frames = MessageChunker.Split(MessageKind.Request, 1, 0, new byte[5 * 300], 300).ToList();
        var reassembler = new MessageReassembler();
        reassembler.Accept(frames[0], out _);
        reassembler.Accept(frames[4], out _);

        Acknowledgement ack = reassembler.Describe(1);

        ack.Missing.Should().Equal(new MissingRange(1, 3));
    }

    [TestMethod]
    public void Message_never_heard_of_is_missing_everything_and_a_completed_one_nothing()
    {
        var reassembler = new MessageReassembler();
        reassembler.Accept(new Frame(FrameType.Request, FrameFlags.None, 9, 0, new byte[] { 1 }), out _);

        reassembler.Describe(7).Missing.Should().Equal(new MissingRange(0, 0));
        reassembler.Describe(9).State.Should().Be(AckState.Complete);
    }

    [TestMethod]
    public void Chunks_that_arrive_before_their_first_frame_are_kept()
    {
        List<Frame> frames = MessageChunker.Split(MessageKind.Response, 20, 4, new byte[900], 300).ToList();
        var reassembler = new MessageReassembler();

        reassembler.Accept(frames[1], out _).Should().Be(FrameAcceptance.Stored);
        reassembler.Accept(frames[2], out _).Should().Be(FrameAcceptance.Stored);
        FrameAcceptance last = reassembler.Accept(frames[0], out InboundMessage? completed);

        last.Should().Be(FrameAcceptance.Completed);
        completed!.Value.Reference.Should().Be(4);
    }

    [TestMethod]
    public void Second_last_frame_at_another_index_is_inconsistent_and_dropped()
    {
        var reassembler = new MessageReassembler();
        reassembler.Accept(new Frame(FrameType.Chunk, FrameFlags.None, 3, 1, new byte[10]), out _);

        FrameAcceptance other = reassembler.Accept(new Frame(FrameType.Chunk, FrameFlags.None, 5, 1, new byte[10]), out _);

        other.Should().Be(FrameAcceptance.Inconsistent);
        reassembler.InconsistentFrames.Should().Be(1);
    }

    [TestMethod]
    public void Message_growing_past_the_limit_is_given_up_as_too_large()
    {
        // Arrange
        var reassembler = new MessageReassembler(MessageLimits.MinMaxMessageLength);
        List<Frame> frames = MessageChunker.Split(MessageKind.Request, 1, 0,
            new byte[MessageLimits.MinMaxMessageLength + 1], 4096).ToList();
        var outcomes = new List<FrameAcceptance>();

        // Act
        foreach (Frame frame in frames)
        {
            outcomes.Add(reassembler.Accept(frame, out InboundMessage? completed));
            completed.Should().BeNull();
        }

        // Assert
        outcomes.Should().Contain(FrameAcceptance.TooLarge);
        reassembler.BufferedBytes.Should().Be(0);
        reassembler.PartialMessages.Should().Be(0);
    }

    [TestMethod]
    public void Oldest_incomplete_message_is_forgotten_beyond_the_limit()
    {
        var reassembler = new MessageReassembler(maxPartialMessages: 2);

        reassembler.Accept(new Frame(FrameType.Request, FrameFlags.More, 1, 0, new byte[256]), out _);
        reassembler.Accept(new Frame(FrameType.Request, FrameFlags.More, 10, 0, new byte[256]), out _);
        reassembler.Accept(new Frame(FrameType.Request, FrameFlags.More, 20, 0, new byte[256]), out _);

        reassembler.IsPartial(1).Should().BeFalse();
        reassembler.IsPartial(10).Should().BeTrue();
        reassembler.IsPartial(20).Should().BeTrue();
        reassembler.DroppedMessages.Should().Be(1);
        reassembler.BufferedBytes.Should().Be(512);
    }

    [TestMethod]
    public void Reset_forgets_incomplete_and_completed_messages()
    {
        var reassembler = new MessageReassembler();
        reassembler.Accept(new Frame(FrameType.Request, FrameFlags.More, 1, 0, new byte[256]), out _);
        reassembler.Accept(new Frame(FrameType.Request, FrameFlags.None, 5, 0, new byte[10]), out _);

        reassembler.Reset();

        reassembler.IsPartial(1).Should().BeFalse();
        reassembler.Accept(new Frame(FrameType.Request, FrameFlags.None, 5, 0, new byte[10]), out _)
            .Should().Be(FrameAcceptance.Completed, "a new session may reuse the id");
    }
}
