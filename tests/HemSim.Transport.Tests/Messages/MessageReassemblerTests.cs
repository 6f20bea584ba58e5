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
            reassembler.Accept(frame, out completed, out AbandonedMessage? abandoned);
            abandoned.Should().BeNull();
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
    }

    [TestMethod]
    public void Single_frame_message_completes_at_once()
    {
        var reassembler = new MessageReassembler();
        ReadOnlyMemory<byte> payload = new byte[] { 1 };

        reassembler.Accept(new Frame(FrameType.Response, FrameFlags.None, 5, 3, payload),
            out InboundMessage? completed, out AbandonedMessage? abandoned);

        abandoned.Should().BeNull();
        completed.Should().Be(new InboundMessage(MessageKind.Response, 5, 3, payload));
    }

    [TestMethod]
    public void Gap_in_sequence_numbers_abandons_the_message()
    {
        // Arrange: frame 2 of the message is lost
        var reassembler = new MessageReassembler();
        reassembler.Accept(new Frame(FrameType.Request, FrameFlags.More, 1, 0, new byte[10]), out _, out _);

        // Act
        reassembler.Accept(new Frame(FrameType.Chunk, FrameFlags.None, 3, 1, new byte[10]),
            out InboundMessage? completed, out AbandonedMessage? abandoned);

        // Assert
        completed.Should().BeNull();
        abandoned.Should().Be(new AbandonedMessage(MessageKind.Request, 1, 0, RejectReason.IncompleteMessage));
    }

    [TestMethod]
    public void New_first_frame_abandons_the_unfinished_message_and_starts_its_own()
    {
        var reassembler = new MessageReassembler();
        reassembler.Accept(new Frame(FrameType.Request, FrameFlags.More, 1, 0, new byte[10]), out _, out _);

        reassembler.Accept(new Frame(FrameType.Request, FrameFlags.None, 7, 0, new byte[] { 42 }),
            out InboundMessage? completed, out AbandonedMessage? abandoned);

        abandoned!.Value.Sequence.Should().Be(1);
        completed!.Value.Sequence.Should().Be(7);
        reassembler.AbandonedMessages.Should().Be(1);
    }

    [TestMethod]
    public void Chunk_of_no_current_message_is_counted_and_dropped()
    {
        var reassembler = new MessageReassembler();

        reassembler.Accept(new Frame(FrameType.Chunk, FrameFlags.None, 3, 1, new byte[10]),
            out InboundMessage? completed, out AbandonedMessage? abandoned);

        completed.Should().BeNull();
        abandoned.Should().BeNull();
        reassembler.StrayChunks.Should().Be(1);
    }

    [TestMethod]
    public void Message_growing_past_the_limit_is_abandoned_as_too_large()
    {
        // Arrange
        var reassembler = new MessageReassembler(MessageLimits.MinMaxMessageLength);
        List<Frame> frames = MessageChunker.Split(MessageKind.Request, 1, 0,
            new byte[MessageLimits.MinMaxMessageLength + 1], 4096).ToList();
        AbandonedMessage? abandoned = null;

        // Act
        foreach (Frame frame in frames)
        {
            reassembler.Accept(frame, out InboundMessage? completed, out AbandonedMessage? lost);
            completed.Should().BeNull();
            abandoned ??= lost;
        }

        // Assert
        abandoned!.Value.Reason.Should().Be(RejectReason.MessageTooLarge);
    }
}
