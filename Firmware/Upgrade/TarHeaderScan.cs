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
/// the device refuses; it is the one copy of the rule. A pax header carrying a <c>size</c> record is refused: the
/// reader would take the next entry's size from it instead of from the header this walk reads, and the two walks
/// would part (a header hidden in what this walk skips could then claim gigabytes). Dashboards never need one:
/// only entries over 8 GiB do.
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
                || (IsMetadata(header[TypeField]) && size > MaxMetadataSize)
                || (header[TypeField] is (byte)'x' or (byte)'g' && HasPaxSizeRecord(tar.Slice((int)position + BlockSize, (int)size))))
            {
                return false;
            }
            position += BlockSize + (size + BlockSize - 1) / BlockSize * BlockSize;
        }
        return true;    // a truncated tail is the reader's to refuse
    }

    /// <summary>
    /// True when the pax records (<c>"&lt;length&gt; &lt;key&gt;=&lt;value&gt;\n"</c>, POSIX.1-2001) include the key
    /// <c>size</c>, or cannot be read as records at all.
    /// </summary>
    private static bool HasPaxSizeRecord(ReadOnlySpan<byte> records)
    {
        while (!records.IsEmpty && records[0] != 0)
        {
            int space = records.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(records[..space], System.Globalization.NumberStyles.None, null, out int length)
                || length <= space + 1 || length > records.Length)
            {
                return true;
            }
            ReadOnlySpan<byte> keyAndValue = records[(space + 1)..length];
            int equals = keyAndValue.IndexOf((byte)'=');
            if (equals < 0 || keyAndValue[..equals].SequenceEqual("size"u8))
            {
                return true;
            }
            records = records[length..];
        }
        return false;
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
