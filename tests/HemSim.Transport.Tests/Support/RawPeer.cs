using System.Buffers;
using System.IO.Pipelines;
using HemSim.Transport.Framing;
using HemSim.Transport.Messages;
using HemSim.Transport.Session;

namespace HemSim.Transport.Tests.Support;

/// <summary>
/// A minimal test rig that speaks raw frames over one end of a link, the way a rig in another language
/// would from PROTOCOL.md: nothing of the session classes, only the frame encoder and decoder.
/// </summary>
internal sealed class RawPeer(IDuplexPipe link)
{
    private readonly FrameDecoder _decoder = new(FrameLayout.MaxPayloadLimit);
    private readonly Queue<Frame> _received = new();
    private uint _nextSequence = SequenceNumber.First;

    public uint SessionId { get; set; } = 7;

    public async Task<uint> SendFrameAsync(FrameType type, uint reference, byte[] payload, FrameFlags flags = FrameFlags.None)
    {
        uint sequence = _nextSequence;
        _nextSequence = SequenceNumber.Next(sequence);
        await SendFrameAsync(new Frame(type, flags, sequence, reference, payload));
        return sequence;
    }

    /// <summary>Writes a frame as given, e.g. one sent before (a retransmission keeps its sequence number).</summary>
    public async Task SendFrameAsync(Frame frame)
    {
        FrameEncoder.Write(link.Output, frame.Type, frame.Flags, frame.Sequence, frame.Reference, frame.Payload.Span);
        await link.Output.FlushAsync();
    }

    /// <summary>The frames of a message numbered from the next sequence number on; not sent yet.</summary>
    public List<Frame> Frames(MessageKind kind, byte[] content, int maxFramePayload = FrameLayout.DefaultMaxPayload)
    {
        List<Frame> frames = MessageChunker.Split(kind, _nextSequence, SequenceNumber.None, content, maxFramePayload).ToList();
        _nextSequence = SequenceNumber.Advance(_nextSequence, frames.Count);
        return frames;
    }

    public async Task<uint> SendMessageAsync(MessageKind kind, byte[] content, int maxFramePayload = FrameLayout.DefaultMaxPayload)
    {
        List<Frame> frames = Frames(kind, content, maxFramePayload);
        foreach (Frame frame in frames)
        {
            await SendFrameAsync(frame);
        }
        return frames[0].Sequence;
    }

    public Task<uint> SendRequestAsync(RequestMessage request) =>
        SendMessageAsync(MessageKind.Request, MessageCodec.Encode(request));

    public async Task WriteRawAsync(byte[] bytes)
    {
        await link.Output.WriteAsync(bytes);
    }

    /// <summary>Says Hello as a host and returns the device's answer, skipping its start-up Hello.</summary>
    public async Task<Hello> HelloAsync(int maxFramePayload = FrameLayout.DefaultMaxPayload, ushort version = Hello.CurrentProtocolVersion)
    {
        var hello = new Hello(version, PeerRole.Host, maxFramePayload,
            MessageLimits.DefaultMaxMessageLength, SessionId, ReceiveWindow: 0, "raw rig");
        uint sequence = await SendFrameAsync(FrameType.Hello, SequenceNumber.None, hello.Encode());
        Frame answer = await ReadFrameAsync(frame => frame.Type == FrameType.Hello && frame.Reference == sequence);
        Hello.TryDecode(answer.Payload.Span, out Hello? deviceHello).Should().BeTrue();
        return deviceHello!;
    }

    public async Task<Frame> ReadFrameAsync()
    {
        while (_received.Count == 0)
        {
            ReadResult result = await link.Input.ReadAsync().AsTask().Within();
            ReadOnlySequence<byte> buffer = result.Buffer;
            while (_decoder.TryReadFrame(ref buffer, out Frame? frame))
            {
                _received.Enqueue(frame);
            }
            link.Input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted && _received.Count == 0)
            {
                throw new EndOfStreamException("The link closed.");
            }
        }
        return _received.Dequeue();
    }

    /// <summary>Reads until a frame matches, dropping the others (e.g. the device's start-up Hello).</summary>
    public async Task<Frame> ReadFrameAsync(Func<Frame, bool> match)
    {
        while (true)
        {
            Frame frame = await ReadFrameAsync();
            if (match(frame))
            {
                return frame;
            }
        }
    }

    /// <summary>Reads the next frame that is not a Hello (the device's start-up Hello may come first).</summary>
    public Task<Frame> ReadNonHelloFrameAsync() => ReadFrameAsync(frame => frame.Type != FrameType.Hello);

    /// <summary>Reads the frames of one whole message (first frame plus chunks), skipping link frames.</summary>
    public async Task<List<Frame>> ReadMessageFramesAsync()
    {
        var frames = new List<Frame> { await ReadFrameAsync(IsMessageFrame) };
        while (frames[^1].HasMore)
        {
            frames.Add(await ReadFrameAsync(IsMessageFrame));
        }
        return frames;
    }

    public async Task<ResponseMessage> ReadResponseAsync(uint requestSequence)
    {
        var reassembler = new MessageReassembler();
        InboundMessage? completed = null;
        foreach (Frame frame in await ReadMessageFramesAsync())
        {
            reassembler.Accept(frame, out completed);
        }
        completed.Should().NotBeNull();
        completed!.Value.Kind.Should().Be(MessageKind.Response);
        completed.Value.Reference.Should().Be(requestSequence);
        MessageCodec.TryDecode(MessageKind.Response, completed.Value.Content.Span, out Message? message).Should().BeTrue();
        return (ResponseMessage)message!;
    }

    private static bool IsMessageFrame(Frame frame) => frame.Type == FrameType.Chunk || MessageKinds.StartsMessage(frame.Type);
}
