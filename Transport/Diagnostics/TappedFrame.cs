using System.Buffers.Binary;

namespace HemSim.Transport.Diagnostics;

/// <summary>
/// One frame read back from a tap file: when, which way, and the frame before stuffing
/// (header · payload · CRC-32C, PROTOCOL.md §4). The header fields are read from <see cref="Bytes"/>.
/// </summary>
public sealed record TappedFrame(DateTimeOffset Timestamp, FrameDirection Direction, ReadOnlyMemory<byte> Bytes)
{
    private const int HeaderLength = 16;
    private const int CrcLength = 4;

    /// <summary>True when the bytes hold at least a header and a CRC.</summary>
    public bool IsWellFormed => Bytes.Length >= HeaderLength + CrcLength;

    /// <summary>Header byte 1, the frame type (e.g. 0x10 Request, 0x11 Response).</summary>
    public byte Type => IsWellFormed ? Bytes.Span[1] : (byte)0;

    /// <summary>Header byte 2, the flags (0x01 More, 0x02 Retransmission, 0x04 AckRequested).</summary>
    public byte Flags => IsWellFormed ? Bytes.Span[2] : (byte)0;

    public uint Sequence => IsWellFormed ? BinaryPrimitives.ReadUInt32LittleEndian(Bytes.Span[4..]) : 0;

    public uint Reference => IsWellFormed ? BinaryPrimitives.ReadUInt32LittleEndian(Bytes.Span[8..]) : 0;

    public ReadOnlyMemory<byte> Payload => IsWellFormed ? Bytes[HeaderLength..^CrcLength] : ReadOnlyMemory<byte>.Empty;
}
