using CsCheck;
using HemSim.Transport.Framing;
using HemSim.Transport.Messages;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Messages;

/// <summary>Property tests: no payload decoder throws for bytes a peer sent, and reassembly stays bounded.</summary>
[TestClass]
public sealed class MessageDecodingFuzzTests
{
    private static readonly long s_iterations = Soak.Scale(3000, 300_000);

    [TestMethod]
    public void Payload_decoders_never_throw_on_random_bytes()
    {
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            foreach (MessageKind kind in Enum.GetValues<MessageKind>())
            {
                MessageCodec.TryDecode(kind, bytes, out _, out _);
            }
            Hello.TryDecode(bytes, out _);
            Acknowledgement.TryDecode(bytes, out _);
            Rejection.TryDecode(bytes, out _);
        }, iter: s_iterations);
    }

    [TestMethod]
    public void Payload_decoders_never_throw_on_damaged_valid_messages()
    {
        byte[][] valid =
        [
            MessageCodec.Encode(new RequestMessage("POST", "/api/keymgmt/create", true, new byte[] { 1, 2 }) { Authorization = "Bearer x" }),
            MessageCodec.Encode(new ResponseMessage(200, "application/json", ResponseMessageFlags.None, 5, new byte[] { 3 })),
            MessageCodec.Encode(new ControlMessage(Transport.Control.ControlOperation.InjectFault, new byte[] { 2 })),
            new Hello(2, PeerRole.Device, 4096, MessageLimits.DefaultMaxMessageLength, 1, 8, "HemSim").Encode(),
            Acknowledgement.Partial([new MissingRange(1, 2)]).Encode(),
        ];
        Gen.Select(Gen.Int[0, valid.Length - 1], FrameGen.Mutation.Array[1, 3], (which, mutations) =>
            mutations.Aggregate(valid[which], (bytes, mutate) => mutate(bytes))).Sample(bytes =>
        {
            foreach (MessageKind kind in Enum.GetValues<MessageKind>())
            {
                MessageCodec.TryDecode(kind, bytes, out _, out _);
            }
            Hello.TryDecode(bytes, out _);
            Acknowledgement.TryDecode(bytes, out _);
        }, iter: s_iterations);
    }

    [TestMethod]
    public void Reassembler_never_throws_and_stays_within_its_bounds_on_random_frames()
    {
        // Frames of a few message ids close together, so that they collide, complete and conflict.
        Gen<Frame> messageFrame = Gen.Select(Gen.OneOfConst(FrameType.Request, FrameType.Response, FrameType.Chunk),
            Gen.Byte[0, 7], Gen.Int[1, 40], Gen.Int[0, 40], Gen.Byte.Array[0, 300],
            (type, flags, sequence, reference, payload) =>
                new Frame(type, (FrameFlags)flags, (uint)sequence, (uint)reference, payload));
        messageFrame.Array[1, 200].Sample(frames =>
        {
            var reassembler = new MessageReassembler(MessageLimits.MinMaxMessageLength, maxPartialMessages: 4);

            foreach (Frame frame in frames)
            {
                reassembler.Accept(frame, out _);
                reassembler.PartialMessages.Should().BeLessThanOrEqualTo(4);
                reassembler.BufferedBytes.Should().BeLessThanOrEqualTo(2L * MessageLimits.MinMaxMessageLength);
            }
            foreach (uint id in Enumerable.Range(1, 40).Select(i => (uint)i))
            {
                reassembler.Describe(id).Encode().Length.Should().BeLessThanOrEqualTo(FrameLayout.MinPayloadLimit);
            }
        }, iter: s_iterations / 3);
    }
}
