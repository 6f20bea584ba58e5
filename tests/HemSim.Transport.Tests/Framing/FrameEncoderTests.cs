using HemSim.Transport.Framing;
using HemSim.Transport.Messages;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Framing;

[TestClass]
public sealed class FrameEncoderTests
{
    /// <summary>The worked example of docs/PROTOCOL.md §11, computed independently from the document.</summary>
    private const string WorkedExampleWire =
        "00 03 01 10 01 02 02 01 01 02 02 01 01 02 20 01 01 01 03 01 03 01 01 06 47 45 54 02 12 01 01 17 " +
        "2F 61 70 69 2F 73 79 73 74 65 6D 2F 73 74 61 74 75 73 46 EE B1 13 00";

    [TestMethod]
    public void Encodes_the_worked_example_of_the_protocol_document()
    {
        // Arrange: GET /api/system/status over plain HTTP, the host's second frame (its Hello was 1); nothing
        // older is outstanding, so its low-water mark (the reference) is its own id.
        var request = new RequestMessage("GET", "/api/system/status", IsTls: false, ReadOnlyMemory<byte>.Empty);
        byte[] content = MessageCodec.Encode(request);

        // Act
        byte[] wire = FrameEncoder.Encode(new Frame(FrameType.Request, FrameFlags.None, 2, 2, content));

        // Assert
        Hex.Format(wire).Should().Be(WorkedExampleWire);
    }

    [TestMethod]
    public void Frame_is_framed_by_delimiters_and_has_no_zero_inside()
    {
        byte[] payload = new byte[300];     // all zeros: the worst case for stuffing

        byte[] wire = FrameEncoder.Encode(new Frame(FrameType.Ping, FrameFlags.None, 9, 0, payload));

        wire[0].Should().Be(0);
        wire[^1].Should().Be(0);
        wire[1..^1].Should().NotContain(0);
        wire.Length.Should().BeLessThanOrEqualTo(FrameLayout.GetMaxWireLength(payload.Length));
    }

    [TestMethod]
    public void Encode_refuses_a_payload_larger_than_the_length_field()
    {
        byte[] destination = new byte[FrameLayout.GetMaxWireLength(FrameLayout.MaxPayloadLimit + 1)];

        Action act = () => FrameEncoder.Encode(FrameType.Ping, FrameFlags.None, 1, 0,
            new byte[FrameLayout.MaxPayloadLimit + 1], destination);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
