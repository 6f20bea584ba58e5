namespace HemSim.Cli.Images;

/// <summary>
/// The header rule a device applies to a dashboard tar before reading it (docs/UPGRADE.md §1), checked here so that a
/// crafted archive is refused with a clear message instead of crashing the tool: .NET's tar reader trusts a header's
/// size field, reserving that much memory for a long-name or pax entry, and throws undocumented exceptions on
/// impossible sizes. Written from the document, independently of the firmware's copy.
/// </summary>
internal static class TarBounds
{
    /// <summary>Largest GNU long-name/long-link or pax (extended or global) entry.</summary>
    public const int MaxMetadataBytes = 64 * 1024;

    /// <summary>Null when every entry's size fits in the bytes after its header and no metadata entry is too large; else why not.</summary>
    public static string? Problem(ReadOnlySpan<byte> tar)
    {
        const int block = 512;
        long offset = 0;
        while (tar.Length - offset >= block)
        {
            ReadOnlySpan<byte> header = tar.Slice((int)offset, block);
            if (header.IndexOfAnyExcept((byte)0) < 0)
            {
                return null;    // end of archive
            }
            if (!TryParseSize(header.Slice(124, 12), out long size))
            {
                return $"the entry header at byte {offset} has an unreadable size field";
            }
            if (size > tar.Length - offset - block)
            {
                return $"the entry at byte {offset} claims {size} bytes, more than the archive holds";
            }
            if (header[156] is (byte)'L' or (byte)'K' or (byte)'x' or (byte)'g' && size > MaxMetadataBytes)
            {
                return $"the metadata entry at byte {offset} is {size} bytes; at most {MaxMetadataBytes} are allowed";
            }
            if (header[156] is (byte)'x' or (byte)'g' && PaxSetsSize(tar.Slice((int)offset + block, (int)size)))
            {
                // The tar reader would take the next entry's size from this record, not from the header walked here.
                return $"the pax header at byte {offset} sets an entry size (a size record); dashboards never need one";
            }
            offset += block + (size + block - 1) / block * block;
        }
        return null;
    }

    /// <summary>True when the pax records ("LEN KEY=VALUE\n" each) hold the key <c>size</c> or are not records at all.</summary>
    private static bool PaxSetsSize(ReadOnlySpan<byte> data)
    {
        int at = 0;
        while (at < data.Length && data[at] != 0)
        {
            int space = data[at..].IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(data.Slice(at, space), System.Globalization.NumberStyles.None, null, out int length)
                || length <= space + 1 || at + length > data.Length)
            {
                return true;
            }
            ReadOnlySpan<byte> record = data.Slice(at + space + 1, length - space - 1);
            int equals = record.IndexOf((byte)'=');
            if (equals < 0 || record[..equals].SequenceEqual("size"u8))
            {
                return true;
            }
            at += length;
        }
        return false;
    }

    /// <summary>Octal (blank-padded, NUL- or blank-ended) or GNU base-256 (first byte 0x80); nothing else.</summary>
    private static bool TryParseSize(ReadOnlySpan<byte> field, out long size)
    {
        size = 0;
        if (field[0] == 0x80)
        {
            for (int i = 1; i < field.Length; i++)
            {
                if (size >= 1L << 55)
                {
                    return false;
                }
                size = size << 8 | field[i];
            }
            return true;
        }
        foreach (byte digit in field.TrimStart((byte)' '))
        {
            if (digit is 0 or (byte)' ')
            {
                break;
            }
            if (digit is < (byte)'0' or > (byte)'7')
            {
                return false;
            }
            size = size * 8 + (digit - '0');
        }
        return true;
    }
}
