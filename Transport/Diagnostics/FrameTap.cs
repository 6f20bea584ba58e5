using System.Buffers.Binary;
using System.Text;
using HemSim.Transport.Framing;

namespace HemSim.Transport.Diagnostics;

/// <summary>
/// Records every frame a session sends and receives to a pcapng file (PROTOCOL.md §13), like swtpm's pcap
/// tap: one Enhanced Packet Block per frame, link type <c>LINKTYPE_USER0</c> (147), the packet being the
/// frame before stuffing (header · payload · CRC-32C), the direction in <c>epb_flags</c>, the time in
/// microseconds since 1970. Wireshark opens the file; <see cref="FrameTapReader"/> reads it back. Attach
/// it with <c>HostSessionOptions.Tap</c> or <c>DeviceSessionOptions.Tap</c>; the creator disposes it after
/// the session. Safe to use from both session loops at once. A write error stops the recording (see
/// <see cref="Fault"/>) but never the link: the tap is a diagnostic, not part of the protocol.
/// </summary>
public sealed class FrameTap : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly TimeProvider _clock;
    private long _frames;
    private bool _disposed;

    /// <summary>Starts a capture on <paramref name="stream"/>, writing the section and interface headers at once.</summary>
    public FrameTap(Stream stream, bool leaveOpen = false, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _clock = clock ?? TimeProvider.System;
        WriteHeaders();
    }

    /// <summary>Creates (or replaces) the capture file at <paramref name="path"/>.</summary>
    public static FrameTap Create(string path, TimeProvider? clock = null) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read), leaveOpen: false, clock);

    /// <summary>Frames recorded so far.</summary>
    public long FramesRecorded => Interlocked.Read(ref _frames);

    /// <summary>The I/O error that stopped the recording, or null while it runs.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Records one frame given in its unstuffed form (header · payload · CRC).</summary>
    public void Record(FrameDirection direction, ReadOnlySpan<byte> unstuffedFrame)
    {
        if (direction is not (FrameDirection.Inbound or FrameDirection.Outbound))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "A frame goes in or out.");
        }
        lock (_lock)    // time and place in the file are taken together, so time stamps never run backwards
        {
            if (Write(Packet(direction, unstuffedFrame)))
            {
                Interlocked.Increment(ref _frames);
            }
        }
    }

    internal void Record(FrameDirection direction, Frame frame) => Record(direction, FrameEncoder.EncodeUnstuffed(frame));

    private byte[] Packet(FrameDirection direction, ReadOnlySpan<byte> unstuffedFrame)
    {
        long microseconds = Math.Max(0, (_clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond);
        int dataLength = PcapNg.Pad4(unstuffedFrame.Length);
        int length = PcapNg.BlockOverhead + 20 + dataLength + 8 + 4;     // fixed fields, data, epb_flags, end of options
        byte[] block = new byte[length];
        Span<byte> span = block;
        BinaryPrimitives.WriteUInt32LittleEndian(span, PcapNg.EnhancedPacketBlock);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], 0);                               // interface id
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)((ulong)microseconds >> 32));   // time stamp, high word
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], unchecked((uint)microseconds));      // and low word
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], (uint)unstuffedFrame.Length);     // captured
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)unstuffedFrame.Length);     // original
        unstuffedFrame.CopyTo(span[28..]);
        Span<byte> options = span[(28 + dataLength)..];
        BinaryPrimitives.WriteUInt16LittleEndian(options, PcapNg.EpbFlags);
        BinaryPrimitives.WriteUInt16LittleEndian(options[2..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(options[4..], (uint)direction);
        BinaryPrimitives.WriteUInt32LittleEndian(span[^4..], (uint)length);
        return block;
    }

    public void Flush()
    {
        lock (_lock)
        {
            if (!_disposed && Fault is null)
            {
                _stream.Flush();
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            if (Fault is null)
            {
                _stream.Flush();
            }
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private void WriteHeaders()
    {
        var section = new List<byte>();
        Span<byte> fixedPart = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(fixedPart, PcapNg.ByteOrderMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(fixedPart[4..], 1);           // major version
        BinaryPrimitives.WriteUInt16LittleEndian(fixedPart[6..], 0);           // minor version
        BinaryPrimitives.WriteInt64LittleEndian(fixedPart[8..], -1);           // section length unknown
        section.AddRange(fixedPart.ToArray());
        AddOption(section, PcapNg.ShbUserApplication, "HemSim frame tap");
        AddOption(section, PcapNg.EndOfOptions, string.Empty);
        _ = Write(Block(PcapNg.SectionHeaderBlock, section));

        var link = new List<byte>();
        Span<byte> interfaceFixed = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(interfaceFixed, PcapNg.LinkTypeUser0);
        BinaryPrimitives.WriteUInt32LittleEndian(interfaceFixed[4..], 0);      // snap length: no limit
        link.AddRange(interfaceFixed.ToArray());
        AddOption(link, PcapNg.IfName, "hemsim-link");
        AddOption(link, PcapNg.IfDescription, "HemSim link protocol frames, unstuffed (docs/PROTOCOL.md)");
        AddOption(link, PcapNg.EndOfOptions, string.Empty);
        _ = Write(Block(PcapNg.InterfaceDescriptionBlock, link));
    }

    private static void AddOption(List<byte> body, ushort code, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        var header = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(header, code);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), (ushort)bytes.Length);
        body.AddRange(header);
        body.AddRange(bytes);
        body.AddRange(new byte[PcapNg.Pad4(bytes.Length) - bytes.Length]);
    }

    private static byte[] Block(uint type, List<byte> body)
    {
        int length = PcapNg.BlockOverhead + body.Count;
        var block = new byte[length];
        BinaryPrimitives.WriteUInt32LittleEndian(block, type);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(4), (uint)length);
        body.CopyTo(block, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(length - 4), (uint)length);
        return block;
    }

    /// <summary>False when the tap is closed or broken; a session may outlive its tap by a few frames.</summary>
    private bool Write(byte[] block)
    {
        lock (_lock)
        {
            if (_disposed || Fault is not null)
            {
                return false;
            }
            try
            {
                _stream.Write(block);
                return true;
            }
            catch (IOException exception)
            {
                Fault = exception;      // a full disk must not take the link down with it
                return false;
            }
        }
    }
}
