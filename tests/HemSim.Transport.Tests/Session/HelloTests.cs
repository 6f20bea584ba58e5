using HemSim.Transport.Framing;
using HemSim.Transport.Messages;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Session;

[TestClass]
public sealed class HelloTests
{
    private static readonly Hello s_hello =
        new(2, PeerRole.Host, 4096, MessageLimits.DefaultMaxMessageLength, 0x12345678, 0, "HemSim host");

    private static readonly Hello s_deviceHello =
        new(2, PeerRole.Device, 4096, MessageLimits.DefaultMaxMessageLength, 0x12345678, 8, "HemSim EPA 1.2.2-sim")
        {
            ReceiveWindowBytes = 0x01010000,
        };

    [TestMethod]
    public void Host_Hello_encoding_matches_the_documented_layout()
    {
        Hex.Format(s_hello.Encode()).Should().Be(
            "02 00 01 00 00 10 00 00 00 00 01 01 78 56 34 12 00 00 0B 00 48 65 6D 53 69 6D 20 68 6F 73 74 00 00 00 00");
    }

    [TestMethod]
    public void Device_Hello_encoding_matches_the_documented_layout()
    {
        Hex.Format(s_deviceHello.Encode()).Should().Be(
            "02 00 02 00 00 10 00 00 00 00 01 01 78 56 34 12 08 00 14 00 " +
            "48 65 6D 53 69 6D 20 45 50 41 20 31 2E 32 2E 32 2D 73 69 6D 00 00 01 01");
    }

    [TestMethod]
    public void Hello_round_trips_and_ignores_further_extension_bytes()
    {
        byte[] payload = [.. s_deviceHello.Encode(), 0xEE, 0xEE];

        Hello.TryDecode(payload, out Hello? decoded).Should().BeTrue();

        decoded.Should().Be(s_deviceHello);
        decoded!.ReceiveWindowBytes.Should().Be(0x01010000);
    }

    [TestMethod]
    public void Version_1_Hello_without_the_byte_window_decodes_with_no_byte_limit()
    {
        byte[] payload = (s_hello with { ProtocolVersion = 1 }).Encode()[..^4];

        Hello.TryDecode(payload, out Hello? decoded).Should().BeTrue();

        decoded!.ProtocolVersion.Should().Be(1);
        decoded.ReceiveWindowBytes.Should().Be(0);
    }

    [TestMethod]
    public void Hello_fits_the_smallest_frame_with_the_longest_identity()
    {
        var hello = s_deviceHello with { Identity = new string('é', Hello.MaxIdentityLength / 2) };

        hello.Encode().Length.Should().BeLessThanOrEqualTo(FrameLayout.MinPayloadLimit);
    }

    [TestMethod]
    public void Hello_with_an_out_of_range_limit_or_role_is_refused()
    {
        Hello.TryDecode((s_hello with { MaxFramePayload = 100 }).Encode(), out _).Should().BeFalse();
        Hello.TryDecode((s_hello with { MaxMessageLength = 1000 }).Encode(), out _).Should().BeFalse();
        Hello.TryDecode((s_hello with { Role = (PeerRole)9 }).Encode(), out _).Should().BeFalse();
        Hello.TryDecode((s_hello with { ProtocolVersion = 0 }).Encode(), out _).Should().BeFalse();
        Hello.TryDecode(s_hello.Encode()[..25], out _).Should().BeFalse();
    }

    [TestMethod]
    public void Rejection_round_trips_and_cuts_long_detail_on_a_character_boundary()
    {
        var rejection = new Rejection(RejectReason.MalformedMessage, new string('é', 150));

        byte[] payload = rejection.Encode();
        Rejection.TryDecode(payload, out Rejection? decoded).Should().BeTrue();

        payload.Length.Should().BeLessThanOrEqualTo(2 + Rejection.MaxDetailLength);
        decoded!.Reason.Should().Be(RejectReason.MalformedMessage);
        decoded.Detail.Should().Be(new string('é', 100));
    }
}
