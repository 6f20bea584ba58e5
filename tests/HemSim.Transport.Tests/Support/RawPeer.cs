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

    public async Task<uint> SendFrameAsync(FrameType type, uint reference, byte[] payload, FrameFlags flags = FrameFlags.None)
    {
        uint sequence = _nextSequence;
        _nextSequence = SequenceNumber.Next(sequence);
        FrameEncoder.Write(link.Output, type, flags, sequence, reference, payload);
        await link.Output.FlushAsync();
        return sequence;
    }

    public async Task<uint> SendMessageAsync(MessageKind kind, byte[] content, int maxFramePayload = FrameLayout.DefaultMaxPayload)
    {
        uint first = _nextSequence;
        foreach (Frame frame in MessageChunker.Split(kind, first, SequenceNumber.None, content, maxFramePayload))
        {
            await SendFrameAsync(frame.Type, frame.Reference, frame.Payload.ToArray(), frame.Flags);
        }
        return first;
    }

    public Task<uint> SendRequestAsync(RequestMessage request) =>
        SendMessageAsync(MessageKind.Request, MessageCodec.Encode(request));

    public async Task WriteRawAsync(byte[] bytes)
    {
        await link.Output.WriteAsync(bytes);
    }

    /// <summary>Says Hello as a host and returns the device's answer.</summary>
    public async Task<Hello> HelloAsync(int maxFramePayload = FrameLayout.DefaultMaxPayload)
    {
        var hello = new Hello(Hello.CurrentProtocolVersion, PeerRole.Host, maxFramePayload,
            MessageLimits.DefaultMaxMessageLength, SessionId: 7, ReceiveWindow: 0, "raw rig");
        await SendFrameAsync(FrameType.Hello, SequenceNumber.None, hello.Encode());
        Frame answer = await ReadFrameAsync();
        answer.Type.Should().Be(FrameType.Hello);
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

    /// <summary>Reads the frames of one whole message (first frame plus chunks).</summary>
    public async Task<List<Frame>> ReadMessageFramesAsync()
    {
        var frames = new List<Frame> { await ReadFrameAsync() };
        while (frames[^1].HasMore)
        {
            frames.Add(await ReadFrameAsync());
        }
        return frames;
    }

    public async Task<ResponseMessage> ReadResponseAsync(uint requestSequence)
    {
        var reassembler = new MessageReassembler();
        InboundMessage? completed = null;
        foreach (Frame frame in await ReadMessageFramesAsync())
        {
            reassembler.Accept(frame, out completed, out _);
        }
        completed.Should().NotBeNull();
        completed!.Value.Kind.Should().Be(MessageKind.Response);
        completed.Value.Reference.Should().Be(requestSequence);
        MessageCodec.TryDecode(MessageKind.Response, completed.Value.Content.Span, out Message? message).Should().BeTrue();
        return (ResponseMessage)message!;
    }
}
