using HemSim.Transport.Control;
using HemSim.Transport.Messages;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Messages;

public sealed partial class MessageCodecTests
{
    [TestMethod]
    public void Control_message_encoding_matches_the_documented_layout()
    {
        var control = new ControlMessage(ControlOperation.InjectFault, new byte[] { 0x02 });

        Hex.Format(MessageCodec.Encode(control)).Should().Be("07 00 01 01 00 00 00 02");
    }

    [TestMethod]
    public void Control_result_encoding_matches_the_documented_layout()
    {
        var result = new ControlResultMessage(ControlStatus.Failed, ReadOnlyMemory<byte>.Empty, "no");

        Hex.Format(MessageCodec.Encode(result)).Should().Be("03 00 02 02 00 00 00 6E 6F");
    }

    [TestMethod]
    public void Control_message_and_result_round_trip()
    {
        var control = new ControlMessage(ControlOperation.Restore, new byte[] { 1, 2, 3 });
        var result = new ControlResultMessage(ControlStatus.Ok, new byte[] { 9 }, "done");

        ControlMessage decodedControl = RoundTrip(control);
        ControlResultMessage decodedResult = RoundTrip(result);

        decodedControl.Operation.Should().Be(ControlOperation.Restore);
        decodedControl.Argument.ToArray().Should().Equal(1, 2, 3);
        decodedResult.Status.Should().Be(ControlStatus.Ok);
        decodedResult.Data.ToArray().Should().Equal(9);
        decodedResult.Detail.Should().Be("done");
    }

    [TestMethod]
    public void Control_message_of_an_unknown_operation_still_decodes()
    {
        MessageCodec.TryDecode(MessageKind.Control, Hex.Parse("FF 7F"), out Message? decoded).Should().BeTrue();

        ((ControlMessage)decoded!).Operation.Should().Be((ControlOperation)0x7FFF);
    }

    [TestMethod]
    public void Control_message_cut_inside_its_operation_is_truncated()
    {
        AssertRejected(MessageKind.Control, [0x01], MessageError.Truncated);
        AssertRejected(MessageKind.ControlResult, [], MessageError.Truncated);
    }

    [TestMethod]
    public void Control_result_with_detail_that_is_not_UTF8_is_refused()
    {
        byte[] encoded = [0x00, 0x00, 0x02, 0x01, 0x00, 0x00, 0x00, 0xC3];

        AssertRejected(MessageKind.ControlResult, encoded, MessageError.InvalidText);
    }
}
