using System.Formats.Tar;

namespace HemSim.Firmware.Upgrade;

/// <summary>
/// The checks <c>check_ui</c> makes on a dashboard payload before it may be installed (spec §11.13 "untars";
/// docs/UPGRADE.md §1): a tar archive (ustar, pax or GNU) holding regular files and directories only, under safe
/// relative names, at least one file, and at most <see cref="MaxUnpackedSize"/> bytes unpacked. The bridge later
/// serves these names as URL paths, so a name that could leave the web root (<c>..</c>, an absolute path, a link) or
/// a device node is refused rather than cleaned up. <see cref="TarHeaderScan"/> runs first, so that no header makes the
/// reader reserve more memory than the archive has bytes.
/// </summary>
internal static class DashboardArchive
{
    /// <summary>The raw upload limit (spec §3.2): a dashboard never unpacks to more than could be uploaded.</summary>
    public const long MaxUnpackedSize = 16 * 1024 * 1024;

    /// <summary>True when <paramref name="tar"/> is a dashboard archive the device accepts.</summary>
    public static bool IsValid(byte[] tar)
    {
        if (!TarHeaderScan.IsWithinBounds(tar))
        {
            return false;
        }
        long unpacked = 0;
        int files = 0;
        try
        {
            using var reader = new TarReader(new MemoryStream(tar, writable: false));
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                switch (entry.EntryType)
                {
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        unpacked += entry.Length;
                        files++;
                        break;
                    case TarEntryType.Directory:
                        break;
                    case TarEntryType.GlobalExtendedAttributes:
                        // Metadata for the whole archive, not a file (git archive writes one with the commit id).
                        continue;
                    default:
                        return false;   // links, devices, FIFOs, sparse and other special entries
                }
                if (!IsSafeName(entry.Name) || unpacked > MaxUnpackedSize)
                {
                    return false;
                }
            }
        }
        catch (Exception)
        {
            // Bytes a signer put there: a damaged archive is a failed check, never a device fault. Any exception, as the
            // reader throws undocumented ones on crafted headers (InvalidOperationException, OverflowException).
            return false;
        }
        return files > 0;
    }

    /// <summary>A relative name of plain segments: no <c>..</c>, no root or drive, no backslash or control character.</summary>
    private static bool IsSafeName(string name)
    {
        if (name.Length == 0 || name[0] == '/' || name.Contains('\\') || name.Contains(':') || name.Any(char.IsControl))
        {
            return false;
        }
        return !name.Split('/').Contains("..");
    }
}
