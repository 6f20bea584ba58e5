using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Tests.Messages;

/// <summary>
/// What one message may cost a receiver (PROTOCOL.md §6.1): every frame but the last carries exactly P bytes,
/// so a message has at most ceil(max message size / P) frames, and describing what is missing costs work in
/// proportion to the frames held.
/// </summary>
[TestClass]
public sealed class PartialMessageLimitsTests
{
    [TestMethod]
    public void Non_final_chunk_of_another_length_than_P_is_refused()
    {
        var reassembler = new MessageReassembler(maxFramePayload: 4096);

        FrameAcceptance first = reassembler.Accept(new Frame(FrameType.Request, FrameFlags.More, 10, 0, new byte[4096]), out _);
        FrameAcceptance tiny = reassembler.Accept(new Frame(FrameType.Chunk, FrameFlags.More, 11, 10, new byte[1]), out _);
        FrameAcceptance shorter = reassembler.Accept(new Frame(FrameType.Chunk, FrameFlags.More, 12, 10, new byte[4095]), out _);
        FrameAcceptance exact = reassembler.Accept(new Frame(FrameType.Chunk, FrameFlags.More, 13, 10, new byte[4096]), out _);
        FrameAcceptance oversizedLast = reassembler.Accept(new Frame(FrameType.Chunk, FrameFlags.None, 14, 10, new byte[4097]), out _);

        first.Should().Be(FrameAcceptance.Stored);
        tiny.Should().Be(FrameAcceptance.Inconsistent);
        shorter.Should().Be(FrameAcceptance.Inconsistent);
        exact.Should().Be(FrameAcceptance.Stored);
        oversizedLast.Should().Be(FrameAcceptance.Inconsistent, "the last frame carries 1 … P bytes");
        reassembler.BufferedBytes.Should().Be(2 * 4096);
    }

    [TestMethod]
    public void Without_a_given_P_the_first_frame_with_More_fixes_it_for_the_message()
    {
        var reassembler = new MessageReassembler();

        FrameAcceptance below = reassembler.Accept(new Frame(FrameType.Request, FrameFlags.More, 10, 0, new byte[1]), out _);
        FrameAcceptance first = reassembler.Accept(new Frame(FrameType.Request, FrameFlags.More, 20, 0, new byte[1000]), out _);
        FrameAcceptance other = reassembler.Accept(new Frame(FrameType.Chunk, FrameFlags.More, 21, 20, new byte[999]), out _);
        FrameAcceptance same = reassembler.Accept(new Frame(FrameType.Chunk, FrameFlags.More, 22, 20, new byte[1000]), out _);

        below.Should().Be(FrameAcceptance.Inconsistent, "no peer may advertise a frame limit below 256 bytes");
        first.Should().Be(FrameAcceptance.Stored);
        other.Should().Be(FrameAcceptance.Inconsistent);
        same.Should().Be(FrameAcceptance.Stored);
    }

    [TestMethod]
    public void Chunk_at_an_index_past_the_most_frames_a_message_has_is_refused_without_keeping_anything()
    {
        // 64 KiB in frames of 4096: indices 0 … 15
        var reassembler = new MessageReassembler(MessageLimits.MinMaxMessageLength, maxFramePayload: 4096);

        FrameAcceptance justPast = reassembler.Accept(new Frame(FrameType.Chunk, FrameFlags.AckRequested, 1 + 16, 1, new byte[1]), out _);
        FrameAcceptance farPast = reassembler.Accept(new Frame(FrameType.Chunk, FrameFlags.More, 1 + 16_000_000, 1, new byte[4096]), out _);
        FrameAcceptance lastValid = reassembler.Accept(new Frame(FrameType.Chunk, FrameFlags.None, 100 + 15, 100, new byte[1]), out _);

        justPast.Should().Be(FrameAcceptance.Inconsistent);
        farPast.Should().Be(FrameAcceptance.Inconsistent);
        reassembler.IsPartial(1).Should().BeFalse("nothing is kept for a frame no message can have");
        lastValid.Should().Be(FrameAcceptance.Stored);
        reassembler.PartialMessages.Should().Be(1);
        reassembler.BufferedBytes.Should().Be(1);
    }

    [TestMethod]
    public void Frame_past_the_most_frames_of_a_message_being_collected_makes_it_too_large()
    {
        var reassembler = new MessageReassembler(MessageLimits.MinMaxMessageLength, maxFramePayload: 4096);
        List<Frame> frames = MessageChunker.Split(MessageKind.Request, 1, 0, new byte[MessageLimits.MinMaxMessageLength + 1], 4096).ToList();
        frames.Should().HaveCount(17);

        List<FrameAcceptance> outcomes = frames.Select(frame => reassembler.Accept(frame, out _)).ToList();

        outcomes[..16].Should().OnlyContain(outcome => outcome == FrameAcceptance.Stored);
        outcomes[16].Should().Be(FrameAcceptance.TooLarge);
        reassembler.PartialMessages.Should().Be(0);
        reassembler.BufferedBytes.Should().Be(0);
    }

    [TestMethod]
    public void Missing_ranges_of_a_message_holding_indices_0_and_5_000_000_are_the_gaps_between_them()
    {
        // P = 1 (as a PartialMessage may be told) lets a 16 MiB message have an index of 5,000,000
        var open = new PartialMessage(1, 0);
        open.Add(0, true, MessageKind.Request, 0, hasMore: true, new byte[] { 1 }, MessageLimits.DefaultMaxMessageLength, 1)
            .Should().Be(FrameAcceptance.Stored);
        open.Add(5_000_000, false, default, 0, hasMore: true, new byte[] { 2 }, MessageLimits.DefaultMaxMessageLength, 1)
            .Should().Be(FrameAcceptance.Stored);
        var closed = new PartialMessage(2, 1);
        closed.Add(0, true, MessageKind.Request, 0, hasMore: true, new byte[] { 1 }, MessageLimits.DefaultMaxMessageLength, 1);
        closed.Add(5_000_000, false, default, 0, hasMore: false, new byte[] { 2 }, MessageLimits.DefaultMaxMessageLength, 1)
            .Should().Be(FrameAcceptance.Stored);

        List<MissingRange> openMissing = open.GetMissing(Acknowledgement.MaxRanges);
        List<MissingRange> closedMissing = closed.GetMissing(Acknowledgement.MaxRanges);
        List<MissingRange> firstOnly = open.GetMissing(1);

        openMissing.Should().Equal(new MissingRange(1, 4_999_999), new MissingRange(5_000_001, 0));
        closedMissing.Should().Equal(new MissingRange(1, 4_999_999));
        firstOnly.Should().Equal(new MissingRange(1, 4_999_999));
    }

    [TestMethod]
    public void Index_at_or_past_ceil_of_max_length_over_P_is_too_large_for_a_partial_message()
    {
        var message = new PartialMessage(1, 0);
        message.Add(0, true, MessageKind.Request, 0, hasMore: true, new byte[256], MessageLimits.MinMaxMessageLength, 256);

        FrameAcceptance past = message.Add(256, false, default, 0, hasMore: false, new byte[1], MessageLimits.MinMaxMessageLength, 256);
        FrameAcceptance last = message.Add(255, false, default, 0, hasMore: false, new byte[1], MessageLimits.MinMaxMessageLength, 256);

        past.Should().Be(FrameAcceptance.TooLarge);
        last.Should().Be(FrameAcceptance.Stored);
        message.FrameCount.Should().Be(2);
    }
}
