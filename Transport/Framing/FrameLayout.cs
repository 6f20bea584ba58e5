namespace HemSim.Transport.Framing;

/// <summary>
/// Byte layout of a frame before stuffing (docs/PROTOCOL.md §3). All integers are little-endian.
/// <code>
///  0      1      2      3      4 .. 7     8 .. 11    12 .. 13   14 .. 15   16 .. 16+n-1   16+n .. 19+n
/// +------+------+------+------+----------+----------+----------+----------+--------------+------------+
/// | ver  | type | flags| rsvd | sequence | reference| length n | reserved | payload      | CRC-32C    |
/// +------+------+------+------+----------+----------+----------+----------+--------------+------------+
///  \______________________ covered by the CRC _______________________________________/
/// </code>
/// On the wire the whole block is COBS-encoded and framed by 0x00 on both sides.
/// </summary>
internal static class FrameLayout
{
    /// <summary>Frame format version in byte 0; a receiver drops frames with any other value.</summary>
    public const byte Version = 1;

    public const int VersionOffset = 0;
    public const int TypeOffset = 1;
    public const int FlagsOffset = 2;
    public const int ReservedOffset = 3;
    public const int SequenceOffset = 4;
    public const int ReferenceOffset = 8;
    public const int LengthOffset = 12;
    public const int Reserved2Offset = 14;
    public const int HeaderLength = 16;
    public const int CrcLength = 4;

    /// <summary>The frame delimiter: written before and after every stuffed frame.</summary>
    public const byte Delimiter = 0x00;

    /// <summary>Largest payload the 16-bit length field can describe.</summary>
    public const int MaxPayloadLimit = ushort.MaxValue;

    /// <summary>Smallest receive payload limit a peer may advertise in Hello.</summary>
    public const int MinPayloadLimit = 256;

    /// <summary>Payload limit assumed for a peer before its Hello arrives, and our default receive limit.</summary>
    public const int DefaultMaxPayload = 4096;

    /// <summary>Header, payload and CRC: the block that gets stuffed.</summary>
    public static int GetRawLength(int payloadLength) => HeaderLength + payloadLength + CrcLength;

    /// <summary>Stuffed length of a frame with <paramref name="payloadLength"/> bytes, without delimiters.</summary>
    public static int GetMaxStuffedLength(int payloadLength) => Cobs.GetMaxEncodedLength(GetRawLength(payloadLength));

    /// <summary>Bytes a frame may occupy on the wire: stuffed block plus leading and trailing delimiter.</summary>
    public static int GetMaxWireLength(int payloadLength) => GetMaxStuffedLength(payloadLength) + 2;
}
