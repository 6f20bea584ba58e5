using HemSim.Transport.Framing;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Framing;

public sealed partial class FrameDecoderTests
{
    [TestMethod]
    public void Decoder_never_throws_on_random_bytes_and_still_reads_the_next_good_frame()
    {
        // Arrange: fixed seed; small limit so oversized blocks happen too; sometimes a real frame in between
        var random = new Random(20261126);
        var decoder = new FrameDecoder(maxPayloadLength: 64);
        var feeder = new ByteFeeder(decoder);
        int goodFramesSent = 0;
        int framesRead = 0;

        // Act
        for (int i = 0; i < 2000; i++)
        {
            byte[] noise = new byte[random.Next(0, 300)];
            random.NextBytes(noise);
            for (int k = 0; k < noise.Length; k++)
            {
                if (random.Next(12) == 0)
                {
                    noise[k] = 0;   // delimiters in the noise, so blocks of every size get judged
                }
            }
            framesRead += feeder.Feed(noise).Count;
            if (i % 50 == 0)
            {
                goodFramesSent++;
                framesRead += feeder.Feed(FrameEncoder.Encode(s_sample with { Payload = new byte[] { 1, 2, 3 } })).Count;
            }
            feeder.Unconsumed.Should().BeLessThanOrEqualTo(FrameLayout.GetMaxStuffedLength(64) + noise.Length);
        }
        List<Frame> last = feeder.Feed(FrameEncoder.Encode(s_sample with { Sequence = 4242, Payload = new byte[] { 9 } }));

        // Assert: noise never produced a frame that passes the CRC by accident in this run, and the line recovers
        decoder.Counters.Errors.Should().BeGreaterThan(0);
        framesRead.Should().Be(goodFramesSent);
        last.Should().ContainSingle().Which.Sequence.Should().Be(4242);
    }
}
