using System.Buffers;
using System.IO.Pipelines;
using CsCheck;
using HemSim.Firmware.Device;
using HemSim.Transport.Framing;
using HemSim.Transport.Links;
using HemSim.Transport.Messages;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Session;

/// <summary>
/// Property tests of whole sessions: whatever well-formed but senseless frames, or damaged bytes, a peer
/// sends, the session neither throws nor stops, and serves a proper peer afterwards.
/// </summary>
[TestClass]
public sealed class SessionFuzzTests
{
    private static readonly long s_iterations = Soak.Scale(150, 10_000);

    /// <summary>Frames that look like protocol traffic: message and link types, all flags, ids near each other.</summary>
    private static readonly Gen<Frame> s_plausibleFrame = Gen.Select(
        Gen.OneOfConst(FrameType.Hello, FrameType.Ping, FrameType.Pong, FrameType.Ack, FrameType.Reject, FrameType.Request,
            FrameType.Response, FrameType.Chunk, FrameType.Control, FrameType.ControlResult, (FrameType)0x7E),
        Gen.Byte[0, 7], Gen.Int[1, 30], Gen.Int[0, 30], Gen.Byte.Array[0, 300],
        (type, flags, sequence, reference, payload) => new Frame(type, (FrameFlags)flags, (uint)sequence, (uint)reference, payload));

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Device_survives_senseless_frames_and_damaged_bytes_and_then_serves_a_proper_host()
    {
        await Gen.Select(s_plausibleFrame.Array[0, 30], FrameGen.DamagedWire(300).Array[0, 5]).SampleAsync(async (frames, damaged) =>
        {
            // Arrange
            int runs = 0;
            (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair();
            await using DeviceSession device = DeviceSession.Start(deviceEnd, (request, _) =>
            {
                Interlocked.Increment(ref runs);
                return Task.FromResult(new ApiResponse(200, request.Body));
            }, SessionPair.Identity);
            var rig = new RawPeer(hostEnd) { SessionId = 0xF00D };

            // Act
            foreach (Frame frame in frames)
            {
                await rig.SendFrameAsync(frame);
            }
            foreach (byte[] wire in damaged)
            {
                await rig.WriteRawAsync(wire);
            }
            var honest = new RawPeer(hostEnd) { SessionId = 0xBEEF };
            await honest.HelloAsync();
            uint id = await honest.SendRequestAsync(new RequestMessage("GET", "/api/after", false, new byte[] { 42 }));
            ResponseMessage response = await honest.ReadResponseAsync(id);

            // Assert
            response.Body.ToArray().Should().Equal(42);
            device.Completion.IsCompleted.Should().BeFalse();
        }, iter: s_iterations, threads: 1);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Host_survives_senseless_frames_from_the_device_side_and_keeps_working()
    {
        await s_plausibleFrame.Array[0, 30].SampleAsync(async frames =>
        {
            // Arrange: a real device, and a rig writing into the host's input as well
            (IDuplexPipe hostEnd, IDuplexPipe deviceEnd) = InMemoryLink.CreatePair();
            var merged = new MergedInput(hostEnd);
            await using DeviceSession device = DeviceSession.Start(deviceEnd,
                (request, _) => Task.FromResult(new ApiResponse(200, request.Body)), SessionPair.Identity);
            await using HostSession host = await HostSession.ConnectAsync(merged, SessionPair.FastHost).Within();

            // Act: the noise goes in as whole frames between the device's own
            foreach (Frame frame in frames.Where(f => f.Type is not (FrameType.Hello or FrameType.Reject)))
            {
                await merged.InjectAsync(FrameEncoder.Encode(frame));
            }
            // A forged frame that claims to answer a request cannot be told from the device's (the link has no
            // authentication). A forged Chunk is held until an answer with its id comes (PROTOCOL.md §8.4: frames
            // may come in any order), so it can spoil a later answer as well as the pending one — but only answers
            // whose id the noise named (ids 0-30 here), and only with a protocol error. Requests go on until the
            // device's answer ids are past the noise; one of them must then come back whole.
            ApiResponse? response = null;
            for (int attempt = 0; attempt < 40 && response is null; attempt++)
            {
                try
                {
                    response = await host.SendAsync(ApiRequest.Post("/api/after", [7])).Within();
                }
                catch (TransportProtocolException)
                {
                }
            }

            // Assert
            response.Should().NotBeNull("the host keeps working once the device's answer ids are past the noise");
            response!.Body.Should().Equal(7);
        }, iter: s_iterations, threads: 1);
    }

    /// <summary>The host end of a link whose input also carries frames a test injects between the device's.</summary>
    private sealed class MergedInput : IDuplexPipe
    {
        private readonly Pipe _input = new(new PipeOptions(useSynchronizationContext: false));
        private readonly SemaphoreSlim _writing = new(1, 1);

        public MergedInput(IDuplexPipe inner)
        {
            Output = inner.Output;
            _ = PumpAsync(inner.Input);
        }

        public PipeReader Input => _input.Reader;

        public PipeWriter Output { get; }

        public async Task InjectAsync(byte[] wire)
        {
            await _writing.WaitAsync();
            try
            {
                await _input.Writer.WriteAsync(wire);
            }
            finally
            {
                _writing.Release();
            }
        }

        private async Task PumpAsync(PipeReader source)
        {
            try
            {
                while (true)
                {
                    ReadResult result = await source.ReadAsync();
                    ReadOnlySequence<byte> buffer = result.Buffer;
                    // Whole frames only, so that injected frames never land inside one of the device's.
                    SequencePosition? last = buffer.PositionOf((byte)0) is null ? null : LastDelimiter(buffer);
                    if (last is { } end)
                    {
                        await _writing.WaitAsync();
                        try
                        {
                            foreach (ReadOnlyMemory<byte> segment in buffer.Slice(0, end))
                            {
                                await _input.Writer.WriteAsync(segment);
                            }
                        }
                        finally
                        {
                            _writing.Release();
                        }
                        buffer = buffer.Slice(end);
                    }
                    source.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted)
                    {
                        break;
                    }
                }
            }
            finally
            {
                await source.CompleteAsync();
                await _input.Writer.CompleteAsync();
            }
        }

        private static SequencePosition LastDelimiter(ReadOnlySequence<byte> buffer)
        {
            SequencePosition end = buffer.Start;
            ReadOnlySequence<byte> rest = buffer;
            while (rest.PositionOf((byte)0) is { } at)
            {
                end = buffer.GetPosition(1, at);
                rest = buffer.Slice(end);
            }
            return end;
        }
    }
}
