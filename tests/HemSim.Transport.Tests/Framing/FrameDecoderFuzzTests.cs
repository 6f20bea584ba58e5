using System.Buffers;
using CsCheck;
using HemSim.Transport.Framing;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Framing;

/// <summary>
/// Property tests (CsCheck) of the frame decoder against bytes a peer or a noisy line may send: nothing
/// escapes, memory stays bounded, and the decoder recovers at the next good frame. HEMSIM_SOAK=1 runs
/// a hundred times more inputs.
/// </summary>
[TestClass]
public sealed class FrameDecoderFuzzTests
{
    private const int MaxPayload = 256;
    private static readonly long s_iterations = Soak.Scale(3000, 300_000);
    private static readonly Frame s_good = new(FrameType.Request, FrameFlags.None, 77, 0, new byte[] { 1, 2, 3 });

    [TestMethod]
    public void Random_bytes_never_throw_and_the_next_good_frame_is_read()
    {
        Gen.Byte.Array[0, 3000].Sample(noise =>
        {
            var decoder = new FrameDecoder(MaxPayload);
            var feeder = new ByteFeeder(decoder);

            feeder.Feed(noise);
            feeder.Unconsumed.Should().BeLessThanOrEqualTo(FrameLayout.GetMaxStuffedLength(MaxPayload));
            List<Frame> after = feeder.Feed(FrameEncoder.Encode(s_good));

            after.Select(Describe).Should().Contain(Describe(s_good));
        }, iter: s_iterations);
    }

    [TestMethod]
    public void Damaged_frames_never_throw_and_the_next_good_frame_is_read()
    {
        FrameGen.DamagedWire(MaxPayload).Array[1, 5].Sample(damaged =>
        {
            var decoder = new FrameDecoder(MaxPayload);
            var feeder = new ByteFeeder(decoder);

            foreach (byte[] wire in damaged)
            {
                feeder.Feed(wire);
            }
            List<Frame> after = feeder.Feed(FrameEncoder.Encode(s_good));

            after.Should().Contain(frame => frame.Sequence == s_good.Sequence && frame.Type == s_good.Type);
            feeder.Unconsumed.Should().Be(0);
        }, iter: s_iterations);
    }

    [TestMethod]
    public void Frames_come_out_the_same_however_the_bytes_are_split_into_reads()
    {
        Gen.Select(FrameGen.Frame(MaxPayload).Array[1, 6], Gen.Byte.Array[0, 40], Gen.Int[1, 64], (frames, noise, step) =>
            (Wire: (byte[])[.. noise, .. frames.SelectMany(FrameEncoder.Encode)], Step: step)).Sample(input =>
        {
            List<Frame> whole = new ByteFeeder(new FrameDecoder(MaxPayload)).Feed(input.Wire);
            var pieces = new ByteFeeder(new FrameDecoder(MaxPayload));
            var split = new List<Frame>();
            for (int offset = 0; offset < input.Wire.Length; offset += input.Step)
            {
                split.AddRange(pieces.Feed(input.Wire.AsSpan(offset, Math.Min(input.Step, input.Wire.Length - offset))));
            }

            split.Select(Describe).Should().Equal(whole.Select(Describe));
        }, iter: s_iterations / 3);
    }

    [TestMethod]
    public void Every_good_frame_round_trips_through_encoder_and_decoder()
    {
        FrameGen.Frame(MaxPayload).Sample(frame =>
        {
            var buffer = new ReadOnlySequence<byte>(FrameEncoder.Encode(frame));

            new FrameDecoder(MaxPayload).TryReadFrame(ref buffer, out Frame? decoded).Should().BeTrue();

            Describe(decoded!).Should().Be(Describe(frame));
        }, iter: s_iterations);
    }

    [TestMethod]
    public void Endless_bytes_without_a_delimiter_are_dropped_with_bounded_memory()
    {
        Gen.Byte[1, 255].Array[1, 5000].Array[1, 20].Sample(reads =>
        {
            var decoder = new FrameDecoder(MaxPayload);
            var feeder = new ByteFeeder(decoder);

            foreach (byte[] read in reads)
            {
                feeder.Feed(read);
                feeder.Unconsumed.Should().BeLessThanOrEqualTo(FrameLayout.GetMaxStuffedLength(MaxPayload));
            }
            feeder.Feed([0]);
            feeder.Feed(FrameEncoder.Encode(s_good)).Should().ContainSingle();
        }, iter: s_iterations / 10);
    }

    private static string Describe(Frame frame) =>
        $"{frame.Type}/{frame.Flags}/{frame.Sequence}/{frame.Reference}/{Convert.ToHexString(frame.Payload.Span)}";
}
