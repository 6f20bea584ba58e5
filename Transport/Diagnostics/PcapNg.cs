namespace HemSim.Transport.Diagnostics;

/// <summary>
/// The pieces of pcapng (draft-ietf-opsawg-pcapng, "PCAP Now Generic") the frame tap writes and reads. Every
/// block is <c>type:u32 · total length:u32 · body · total length:u32</c>, padded to 32 bits; options are
/// <c>code:u16 · length:u16 · value</c> padded to 32 bits and end with code 0. We write little-endian.
/// </summary>
internal static class PcapNg
{
    public const uint SectionHeaderBlock = 0x0A0D0D0A;
    public const uint InterfaceDescriptionBlock = 0x00000001;
    public const uint EnhancedPacketBlock = 0x00000006;
    public const uint ByteOrderMagic = 0x1A2B3C4D;

    /// <summary>LINKTYPE_USER0 (tcpdump.org link-layer header types): reserved for private use.</summary>
    public const ushort LinkTypeUser0 = 147;

    public const ushort EndOfOptions = 0;
    public const ushort ShbUserApplication = 4;
    public const ushort IfName = 2;
    public const ushort IfDescription = 3;
    public const ushort EpbFlags = 2;

    /// <summary>Bits 0–1 of <c>epb_flags</c>: the direction of the packet.</summary>
    public const uint DirectionMask = 0x3;

    /// <summary>Block header (type, length) plus the trailing length copy.</summary>
    public const int BlockOverhead = 12;

    public static int Pad4(int length) => (length + 3) & ~3;
}
