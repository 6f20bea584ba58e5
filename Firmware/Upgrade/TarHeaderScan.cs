namespace HemSim.Firmware.Upgrade;

/// <summary>
/// A walk over the 512-byte headers of a tar archive that runs before <c>System.Formats.Tar</c> sees it. The reader
/// trusts the size fields: a long-name, long-link or pax header claiming gigabytes makes it reserve that much memory
/// or throw exceptions it does not document (<c>InvalidOperationException</c>, <c>OverflowException</c>). An archive
/// passes when every entry's size fits in the bytes left after its header and every metadata entry (GNU long name
/// or link, pax extended or global header) is at most <see cref="MaxMetadataSize"/>.
/// </summary>
/// <remarks>
/// Public because the bridge unpacks the same archives (<c>HostBridge/Http/DashboardArchive</c>) and must refuse what
/// the device refuses; it is the one copy of the rule. It reads header size fields only: a pax <c>size=</c> record
/// is left to the reader, whose failure on it every caller treats as an invalid archive.
/// </remarks>
public static class TarHeaderScan
{
    /// <summary>Largest metadata entry: long names and pax records of real dashboards take a few hundred bytes.</summary>
    public const int MaxMetadataSize = 64 * 1024;

    private const int BlockSize = 512;
    private const int SizeField = 124, SizeFieldLength = 12, TypeField = 156;

    /// <summary>True when no header of <paramref name="tar"/> claims more than the archive holds or a metadata entry too large.</summary>
    public static bool IsWithinBounds(ReadOnlySpan<byte> tar)
    {
        long position = 0;
        while (tar.Length - position >= BlockSize)
        {
            ReadOnlySpan<byte> header = tar.Slice((int)position, BlockSize);
            if (!header.ContainsAnyExcept((byte)0))
            {
                return true;    // end-of-archive block
            }
            long left = tar.Length - position - BlockSize;
            if (!TryReadSize(header.Slice(SizeField, SizeFieldLength), out long size) || size > left
                || (IsMetadata(header[TypeField]) && size > MaxMetadataSize))
            {
                return false;
            }
            position += BlockSize + (size + BlockSize - 1) / BlockSize * BlockSize;
        }
        return true;    // a truncated tail is the reader's to refuse
    }

    /// <summary>GNU <c>L</c>/<c>K</c> and pax <c>x</c>/<c>g</c>: the entries the reader loads whole into memory.</summary>
    private static bool IsMetadata(byte type) => type is (byte)'L' or (byte)'K' or (byte)'x' or (byte)'g';

    /// <summary>
    /// Octal digits (leading blanks, ending at a NUL or blank), or GNU base-256 (first byte 0x80, big-endian); a
    /// negative base-256 number (first byte 0xFF) or any other byte is refused.
    /// </summary>
    private static bool TryReadSize(ReadOnlySpan<byte> field, out long size)
    {
        size = 0;
        if (field[0] == 0x80)
        {
            foreach (byte b in field[1..])
            {
                if (size > (long.MaxValue >> 8))
                {
                    return false;
                }
                size = (size << 8) | b;
            }
            return true;
        }
        ReadOnlySpan<byte> digits = field.TrimStart((byte)' ');
        int end = digits.IndexOfAny((byte)0, (byte)' ');
        digits = end < 0 ? digits : digits[..end];
        foreach (byte b in digits)
        {
            if (b is < (byte)'0' or > (byte)'7')
            {
                return false;
            }
            size = size * 8 + (b - '0');    // at most 12 octal digits: no overflow
        }
        return true;
    }
}
