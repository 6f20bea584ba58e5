using System.Buffers;
using System.Buffers.Binary;
using HemSim.Firmware.Device;
using HemSim.Transport.Diagnostics;
using HemSim.Transport.Framing;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Diagnostics;

[TestClass]
public sealed class FrameTapTests
{
    [TestMethod]
    public async Task Recorded_session_reads_back_frame_for_frame_in_both_directions()
    {
        // Arrange: both ends tap into files
        string hostFile = Path.GetTempFileName();
        string deviceFile = Path.GetTempFileName();
        try
        {
            using (FrameTap hostTap = FrameTap.Create(hostFile))
            using (FrameTap deviceTap = FrameTap.Create(deviceFile))
            {
                await using (var pair = await SessionPair.StartAsync((request, _) => Task.FromResult(new ApiResponse(200, request.Body)),
                    HostSessionOptions.Default with { Tap = hostTap }, new DeviceSessionOptions { Tap = deviceTap }))
                {
                    // Act
                    await pair.Host.SendAsync(ApiRequest.Post("/api/echo", new byte[10_000])).Within();
                    await pair.Host.PingAsync().Within();
                }
                hostTap.FramesRecorded.Should().BeGreaterThan(0);
            }

            // Assert
            IReadOnlyList<TappedFrame> host = FrameTapReader.ReadAll(hostFile);
            IReadOnlyList<TappedFrame> device = FrameTapReader.ReadAll(deviceFile);
            host.Should().OnlyContain(f => f.IsWellFormed && CrcHolds(f));
            host.First(f => f.Direction == FrameDirection.Outbound).Type.Should().Be((byte)FrameType.Hello);
            device.First(f => f.Direction == FrameDirection.Outbound).Reference.Should().Be(0, "the device's start-up Hello comes first");
            host.Where(f => f.Direction == FrameDirection.Outbound).Select(Key)
                .Should().Equal(device.Where(f => f.Direction == FrameDirection.Inbound).Select(Key), "what one end sent the other received");
            device.Where(f => f.Direction == FrameDirection.Outbound).Select(Key)
                .Should().Equal(host.Where(f => f.Direction == FrameDirection.Inbound).Select(Key));
            host.Should().Contain(f => f.Type == (byte)FrameType.Request && f.Flags == (byte)FrameFlags.More);
            host.Should().Contain(f => f.Type == (byte)FrameType.Response && f.Direction == FrameDirection.Inbound);
            host.Select(f => f.Timestamp).Should().BeInAscendingOrder();
            host[0].Timestamp.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        }
        finally
        {
            File.Delete(hostFile);
            File.Delete(deviceFile);
        }
    }

    [TestMethod]
    public void Tap_writes_pcapng_with_a_user_link_type_and_the_direction_flag()
    {
        // Arrange
        var stream = new MemoryStream();
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123));
        var frame = new Frame(FrameType.Ping, FrameFlags.None, 5, 0, new byte[] { 0xAB });

        // Act
        using (var tap = new FrameTap(stream, leaveOpen: true, clock))
        {
            tap.Record(FrameDirection.Outbound, frame);
        }
        byte[] file = stream.ToArray();

        // Assert: section header, interface description (link type 147), one enhanced packet block
        BinaryPrimitives.ReadUInt32LittleEndian(file).Should().Be(0x0A0D0D0A);
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8)).Should().Be(0x1A2B3C4D);
        int section = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4));
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(section)).Should().Be(1);
        BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(section + 8)).Should().Be(147);
        TappedFrame read = FrameTapReader.ReadAll(new MemoryStream(file)).Should().ContainSingle().Subject;
        read.Direction.Should().Be(FrameDirection.Outbound);
        read.Timestamp.Should().Be(clock.GetUtcNow());
        read.Sequence.Should().Be(5);
        read.Payload.ToArray().Should().Equal(0xAB);
        read.Bytes.ToArray().Should().Equal(FrameEncoder.EncodeUnstuffed(frame));
    }

    [TestMethod]
    public void Reader_refuses_a_file_that_is_not_pcapng()
    {
        FluentActions.Invoking(() => FrameTapReader.ReadAll(new MemoryStream(new byte[64])))
            .Should().Throw<InvalidDataException>();
    }

    [TestMethod]
    public void Tap_that_cannot_write_stops_recording_without_throwing()
    {
        var stream = new FailingStream();
        using var tap = new FrameTap(stream, leaveOpen: true);

        tap.Record(FrameDirection.Inbound, new Frame(FrameType.Ping, FrameFlags.None, 1, 0, ReadOnlyMemory<byte>.Empty));

        tap.Fault.Should().BeOfType<IOException>();
        tap.FramesRecorded.Should().Be(0);
    }

    private static (byte Type, uint Sequence, byte Flags, int Length) Key(TappedFrame frame) =>
        (frame.Type, frame.Sequence, frame.Flags, frame.Payload.Length);

    private static bool CrcHolds(TappedFrame frame)
    {
        var decoder = new FrameDecoder(FrameLayout.MaxPayloadLimit);
        byte[] stuffed = new byte[Cobs.GetMaxEncodedLength(frame.Bytes.Length)];
        int length = Cobs.Encode(frame.Bytes.Span, stuffed);
        var wire = new ReadOnlySequence<byte>([0, .. stuffed.AsSpan(0, length), 0]);
        return decoder.TryReadFrame(ref wire, out _);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Accepts the headers, then fails like a full disk.</summary>
    private sealed class FailingStream : MemoryStream
    {
        private int _writes;

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (++_writes > 2)
            {
                throw new IOException("disk full");
            }
            base.Write(buffer);
        }
    }
}
