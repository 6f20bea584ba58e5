using System.Buffers;
using System.Buffers.Binary;
using HemSim.Transport.Framing;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Framing;

[TestClass]
public sealed partial class FrameDecoderTests
{
    private static readonly Frame s_sample =
        new(FrameType.Request, FrameFlags.More, 0x01020304, 0x0A0B0C0D, new byte[] { 0x00, 0x11, 0x00, 0x22, 0xFF });

    [TestMethod]
    public void Decoder_reads_a_whole_frame()
    {
        // Arrange
        var decoder = new FrameDecoder();
        var buffer = new ReadOnlySequence<byte>(FrameEncoder.Encode(s_sample));

        // Act
        bool read = decoder.TryReadFrame(ref buffer, out Frame? frame);

        // Assert
        read.Should().BeTrue();
        AssertSameFrame(frame!, s_sample);
        decoder.TryReadFrame(ref buffer, out _).Should().BeFalse();
        buffer.Length.Should().Be(0);
        decoder.Counters.Frames.Should().Be(1);
        decoder.Counters.Errors.Should().Be(0);
    }

    [TestMethod]
    public void Decoder_waits_for_more_bytes_on_a_partial_frame()
    {
        // Arrange: everything but the trailing delimiter
        var decoder = new FrameDecoder();
        byte[] wire = FrameEncoder.Encode(s_sample);
        var buffer = new ReadOnlySequence<byte>(wire[..^1]);

        // Act
        bool read = decoder.TryReadFrame(ref buffer, out Frame? frame);

        // Assert: only the leading delimiter (an empty block) is consumed; the frame's bytes all wait
        read.Should().BeFalse();
        frame.Should().BeNull();
        buffer.ToArray().Should().Equal(wire[1..^1]);
        decoder.State.Should().Be(FrameDecoderState.Collecting);
        decoder.Counters.Errors.Should().Be(0);
    }

    [TestMethod]
    public void Decoder_skips_and_counts_garbage_before_a_frame()
    {
        // Arrange: noise on the line before the first frame (no delimiter in it)
        var decoder = new FrameDecoder();
        byte[] garbage = [0x12, 0x34, 0x56, 0x78];
        var buffer = new ReadOnlySequence<byte>([.. garbage, .. FrameEncoder.Encode(s_sample)]);

        // Act
        bool read = decoder.TryReadFrame(ref buffer, out Frame? frame);

        // Assert
        read.Should().BeTrue();
        AssertSameFrame(frame!, s_sample);
        decoder.Counters.Errors.Should().Be(1);
        decoder.Counters.DroppedBytes.Should().Be(garbage.Length);
        decoder.LastError.Should().NotBeNull();
    }

    [TestMethod]
    public void Decoder_resynchronises_after_bad_crc()
    {
        // Arrange: first frame with one payload bit flipped (keeping it non-zero so the stuffing stays valid)
        var decoder = new FrameDecoder();
        byte[] damaged = FrameEncoder.Encode(s_sample);
        int index = Array.LastIndexOf(damaged, (byte)0xFF);
        damaged[index] ^= 0x01;
        var second = s_sample with { Sequence = 77 };
        var buffer = new ReadOnlySequence<byte>([.. damaged, .. FrameEncoder.Encode(second)]);

        // Act
        bool read = decoder.TryReadFrame(ref buffer, out Frame? frame);

        // Assert
        read.Should().BeTrue();
        frame!.Sequence.Should().Be(77);
        decoder.LastError.Should().Be(FrameError.BadCrc);
        decoder.Counters[FrameError.BadCrc].Should().Be(1);
        decoder.Counters.Frames.Should().Be(1);
    }

    [TestMethod]
    public void Decoder_rejects_a_frame_of_an_unknown_format_version()
    {
        byte[] wire = WireWithRawEdit(s_sample, raw => raw[FrameLayout.VersionOffset] = 2);

        AssertRejected(wire, FrameError.UnsupportedVersion);
    }

    [TestMethod]
    public void Decoder_rejects_a_frame_whose_length_field_disagrees_with_its_payload()
    {
        byte[] wire = WireWithRawEdit(s_sample,
            raw => BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(FrameLayout.LengthOffset), 4));

        AssertRejected(wire, FrameError.LengthMismatch);
    }

    [TestMethod]
    public void Decoder_rejects_a_block_shorter_than_header_and_crc()
    {
        AssertRejected(Hex.Parse("00 05 01 02 03 04 00"), FrameError.TooShort);
    }

    [TestMethod]
    public void Decoder_rejects_broken_stuffing()
    {
        AssertRejected(Hex.Parse("00 09 01 02 00"), FrameError.BadStuffing);
    }

    [TestMethod]
    public void Decoder_drops_an_oversized_frame_with_bounded_memory()
    {
        // Arrange: a sender that never stops, fed 100 bytes at a time
        var decoder = new FrameDecoder(maxPayloadLength: 64);
        var feeder = new ByteFeeder(decoder);
        int limit = FrameLayout.GetMaxStuffedLength(64);
        byte[] piece = Enumerable.Repeat((byte)0x5A, 100).ToArray();

        // Act / Assert: the decoder never makes the reader keep more than one frame plus one read
        feeder.Feed([0x00]);
        for (int i = 0; i < 100; i++)
        {
            feeder.Feed(piece).Should().BeEmpty();
            feeder.Unconsumed.Should().BeLessThanOrEqualTo(limit + piece.Length);
        }
        decoder.State.Should().Be(FrameDecoderState.Discarding);
        List<Frame> after = feeder.Feed(FrameEncoder.Encode(s_sample with { Payload = new byte[10] }));

        // Assert: counted once, all dropped, and the next frame still arrives
        decoder.Counters[FrameError.Oversized].Should().Be(1);
        decoder.Counters.DroppedBytes.Should().Be(100 * piece.Length);
        after.Should().ContainSingle();
        decoder.State.Should().Be(FrameDecoderState.Collecting);
    }

    [TestMethod]
    public void Decoder_drops_a_payload_one_byte_over_its_limit_even_when_the_stuffing_bound_lets_it_through()
    {
        // 4096 + 1 zero bytes: COBS turns each zero into a code byte and adds one byte in all, far less than the
        // worst case (a code byte per 254 bytes without a zero) the block bound allows for.
        var decoder = new FrameDecoder(maxPayloadLength: 4096);
        byte[] payload = new byte[4097];
        byte[] wire = FrameEncoder.Encode(s_sample with { Payload = payload });
        (wire.Length - 2).Should().BeLessThanOrEqualTo(FrameLayout.GetMaxStuffedLength(4096), "the block passes check 1");
        var buffer = new ReadOnlySequence<byte>(wire);

        decoder.TryReadFrame(ref buffer, out _).Should().BeFalse();

        decoder.LastError.Should().Be(FrameError.Oversized);
        decoder.Counters[FrameError.Oversized].Should().Be(1);
    }

    [TestMethod]
    public void Decoder_reads_a_payload_of_exactly_its_limit()
    {
        var decoder = new FrameDecoder(maxPayloadLength: 4096);
        var buffer = new ReadOnlySequence<byte>(FrameEncoder.Encode(s_sample with { Payload = Enumerable.Repeat((byte)0x5A, 4096).ToArray() }));

        decoder.TryReadFrame(ref buffer, out Frame? frame).Should().BeTrue();

        frame!.Payload.Length.Should().Be(4096);
    }

    [TestMethod]
    public void Decoder_drops_a_complete_frame_larger_than_its_limit()
    {
        var decoder = new FrameDecoder(maxPayloadLength: 4);
        var buffer = new ReadOnlySequence<byte>(FrameEncoder.Encode(s_sample with { Payload = new byte[40] }));

        decoder.TryReadFrame(ref buffer, out _).Should().BeFalse();

        decoder.LastError.Should().Be(FrameError.Oversized);
        buffer.Length.Should().Be(0);
    }

    [TestMethod]
    public void Decoder_reads_two_frames_from_one_buffer()
    {
        var decoder = new FrameDecoder();
        var second = new Frame(FrameType.Pong, FrameFlags.None, 2, 1, Array.Empty<byte>());
        var buffer = new ReadOnlySequence<byte>([.. FrameEncoder.Encode(s_sample), .. FrameEncoder.Encode(second)]);

        decoder.TryReadFrame(ref buffer, out Frame? first).Should().BeTrue();
        decoder.TryReadFrame(ref buffer, out Frame? next).Should().BeTrue();

        AssertSameFrame(first!, s_sample);
        AssertSameFrame(next!, second);
        buffer.Length.Should().Be(0);
    }

    [TestMethod]
    public void Decoder_reads_one_frame_split_byte_by_byte()
    {
        // Arrange
        var decoder = new FrameDecoder();
        var feeder = new ByteFeeder(decoder);
        byte[] wire = FrameEncoder.Encode(s_sample with { Payload = Enumerable.Range(0, 1000).Select(i => unchecked((byte)i)).ToArray() });
        var frames = new List<Frame>();

        // Act
        foreach (byte b in wire)
        {
            frames.AddRange(feeder.Feed([b]));
        }

        // Assert
        frames.Should().ContainSingle();
        frames[0].Payload.ToArray().Should().Equal(Enumerable.Range(0, 1000).Select(i => unchecked((byte)i)));
        feeder.Unconsumed.Should().Be(0);
    }

    [TestMethod]
    public void Decoder_reads_a_frame_spread_over_several_segments()
    {
        var decoder = new FrameDecoder();
        byte[] wire = FrameEncoder.Encode(s_sample);
        ReadOnlySequence<byte> buffer = Segments.Create(wire[..3], wire[3..10], wire[10..]);

        decoder.TryReadFrame(ref buffer, out Frame? frame).Should().BeTrue();

        AssertSameFrame(frame!, s_sample);
    }

    [TestMethod]
    public void Decoder_ignores_back_to_back_delimiters()
    {
        var decoder = new FrameDecoder();
        var buffer = new ReadOnlySequence<byte>([0, 0, 0, .. FrameEncoder.Encode(s_sample), 0, 0]);

        decoder.TryReadFrame(ref buffer, out _).Should().BeTrue();
        decoder.TryReadFrame(ref buffer, out _).Should().BeFalse();

        decoder.Counters.Errors.Should().Be(0);
        buffer.Length.Should().Be(0);
    }

    private static void AssertRejected(byte[] wire, FrameError expected)
    {
        // Arrange: the bad block, then a good frame behind it
        var decoder = new FrameDecoder();
        var buffer = new ReadOnlySequence<byte>([.. wire, .. FrameEncoder.Encode(s_sample)]);

        // Act
        bool read = decoder.TryReadFrame(ref buffer, out Frame? frame);

        // Assert
        decoder.LastError.Should().Be(expected);
        decoder.Counters[expected].Should().Be(1);
        decoder.Counters.Errors.Should().Be(1);
        read.Should().BeTrue("decoding resumes at the next delimiter");
        AssertSameFrame(frame!, s_sample);
    }

    /// <summary>Re-stuffs a frame after changing its unstuffed bytes and fixing the CRC.</summary>
    private static byte[] WireWithRawEdit(Frame frame, Action<byte[]> edit)
    {
        byte[] wire = FrameEncoder.Encode(frame);
        byte[] raw = new byte[wire.Length];
        Cobs.TryDecode(wire.AsSpan(1, wire.Length - 2), raw, out int rawLength).Should().BeTrue();
        raw = raw[..rawLength];
        edit(raw);
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(rawLength - 4), Crc32C.Compute(raw.AsSpan(0, rawLength - 4)));
        byte[] stuffed = new byte[Cobs.GetMaxEncodedLength(rawLength)];
        int length = Cobs.Encode(raw, stuffed);
        return [0, .. stuffed[..length], 0];
    }

    private static void AssertSameFrame(Frame actual, Frame expected)
    {
        actual.Type.Should().Be(expected.Type);
        actual.Flags.Should().Be(expected.Flags);
        actual.Sequence.Should().Be(expected.Sequence);
        actual.Reference.Should().Be(expected.Reference);
        actual.Payload.ToArray().Should().Equal(expected.Payload.ToArray());
    }
}
