using HemSim.Transport.Messages;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Messages;

[TestClass]
public sealed class AcknowledgementTests
{
    [TestMethod]
    public void Partial_ack_encoding_matches_the_documented_layout()
    {
        var ack = Acknowledgement.Partial([new MissingRange(2, 3), new MissingRange(9, 0)]);

        Hex.Format(ack.Encode()).Should().Be("02 00 02 00 02 00 00 00 03 00 00 00 09 00 00 00 00 00 00 00");
    }

    [TestMethod]
    public void Complete_ack_is_four_bytes()
    {
        Hex.Format(Acknowledgement.Complete.Encode()).Should().Be("01 00 00 00");
    }

    [TestMethod]
    public void Ack_round_trips_and_ignores_trailing_bytes()
    {
        var ack = Acknowledgement.Partial([new MissingRange(0, 1), new MissingRange(7, 0)]);
        byte[] payload = [.. ack.Encode(), 0xEE];

        Acknowledgement.TryDecode(payload, out Acknowledgement? decoded).Should().BeTrue();

        decoded!.State.Should().Be(AckState.Partial);
        decoded.Missing.Should().Equal(ack.Missing);
    }

    [TestMethod]
    [DataRow("03 00 00 00", DisplayName = "unknown state")]
    [DataRow("01 00 01 00 00 00 00 00 01 00 00 00", DisplayName = "complete with ranges")]
    [DataRow("02 00 00 00", DisplayName = "partial without ranges")]
    [DataRow("02 00 02 00 00 00 00 00 01 00 00 00", DisplayName = "fewer ranges than counted")]
    [DataRow("02 00 1F 00", DisplayName = "more ranges than fit a frame")]
    [DataRow("01 00", DisplayName = "cut short")]
    public void Ack_that_a_conforming_peer_would_not_send_is_refused(string hex)
    {
        Acknowledgement.TryDecode(Hex.Parse(hex), out _).Should().BeFalse();
    }

    [TestMethod]
    public void Largest_ack_fits_a_link_frame()
    {
        var ack = Acknowledgement.Partial(Enumerable.Range(0, Acknowledgement.MaxRanges)
            .Select(i => new MissingRange((uint)(i * 2), 1)).ToList());

        ack.Encode().Length.Should().BeLessThanOrEqualTo(256);
    }
}
