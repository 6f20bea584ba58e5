using System.Buffers.Binary;

namespace HemSim.Transport.Diagnostics;

/// <summary>
/// Reads a capture written by <see cref="FrameTap"/> (little-endian pcapng, one interface of link type
/// <c>LINKTYPE_USER0</c>). Blocks of other types are skipped, as pcapng readers must.
/// </summary>
public static class FrameTapReader
{
    private static readonly long s_latest = (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks;

    /// <exception cref="InvalidDataException">The file is not a little-endian pcapng capture or is cut short.</exception>
    public static IReadOnlyList<TappedFrame> ReadAll(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return ReadAll(file);
    }

    /// <inheritdoc cref="ReadAll(string)"/>
    public static IReadOnlyList<TappedFrame> ReadAll(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Parse(copy.GetBuffer().AsMemory(0, (int)copy.Length));
    }

    private static List<TappedFrame> Parse(ReadOnlyMemory<byte> file)
    {
        var frames = new List<TappedFrame>();
        int offset = 0;
        bool sawSection = false;
        while (offset < file.Length)
        {
            ReadOnlySpan<byte> rest = file.Span[offset..];
            if (rest.Length < PcapNg.BlockOverhead)
            {
                throw new InvalidDataException($"A block header at offset {offset} is cut short.");
            }
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(rest);
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(rest[4..]);
            if (length < PcapNg.BlockOverhead || length % 4 != 0 || length > rest.Length
                || BinaryPrimitives.ReadUInt32LittleEndian(rest[((int)length - 4)..]) != length)
            {
                throw new InvalidDataException($"The block at offset {offset} has a bad length.");
            }
            ReadOnlyMemory<byte> body = file.Slice(offset + 8, (int)length - PcapNg.BlockOverhead);
            if (!sawSection)
            {
                if (type != PcapNg.SectionHeaderBlock || body.Length < 16
                    || BinaryPrimitives.ReadUInt32LittleEndian(body.Span) != PcapNg.ByteOrderMagic)
                {
                    throw new InvalidDataException("Not a little-endian pcapng file.");
                }
                sawSection = true;
            }
            else if (type == PcapNg.EnhancedPacketBlock)
            {
                frames.Add(ReadPacket(body, offset));
            }
            offset += (int)length;
        }
        return frames;
    }

    private static TappedFrame ReadPacket(ReadOnlyMemory<byte> body, int offset)
    {
        ReadOnlySpan<byte> span = body.Span;
        if (span.Length < 20)
        {
            throw new InvalidDataException($"The packet block at offset {offset} is cut short.");
        }
        ulong microseconds = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(span[4..]) << 32)
            | BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
        int captured = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(span[12..]), int.MaxValue);
        if (captured > span.Length - 20)
        {
            throw new InvalidDataException($"The packet block at offset {offset} holds fewer bytes than it says.");
        }
        ReadOnlyMemory<byte> data = body.Slice(20, captured).ToArray();
        var direction = FrameDirection.Inbound;
        ReadOnlySpan<byte> options = span[Math.Min(span.Length, 20 + PcapNg.Pad4(captured))..];
        while (options.Length >= 4)
        {
            ushort code = BinaryPrimitives.ReadUInt16LittleEndian(options);
            int length = BinaryPrimitives.ReadUInt16LittleEndian(options[2..]);
            if (code == PcapNg.EndOfOptions || options.Length < 4 + length)
            {
                break;
            }
            if (code == PcapNg.EpbFlags && length == 4)
            {
                direction = (FrameDirection)(BinaryPrimitives.ReadUInt32LittleEndian(options[4..]) & PcapNg.DirectionMask);
            }
            options = options[Math.Min(options.Length, 4 + PcapNg.Pad4(length))..];
        }
        if (microseconds > (ulong)(s_latest / TimeSpan.TicksPerMicrosecond))
        {
            throw new InvalidDataException($"The packet block at offset {offset} has an impossible time stamp.");
        }
        DateTimeOffset timestamp = DateTimeOffset.UnixEpoch.AddTicks((long)microseconds * TimeSpan.TicksPerMicrosecond);
        return new TappedFrame(timestamp, direction, data);
    }
}
