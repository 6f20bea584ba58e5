using System.Formats.Tar;
using HemSim.Cli.Commands;

namespace HemSim.Cli.Images;

/// <summary>
/// The payload of a dashboard image (docs/UPGRADE.md §1): a tar of the dashboard's files. A folder is packed so the
/// same folder always gives the same bytes — and so the same <c>uis</c> (SHA-256 of the tar): entries in ordinal
/// path order, relative '/'-separated names, fixed time stamp, owner and modes.
/// </summary>
internal static class DashboardArchive
{
    /// <summary>Every entry's time stamp (2000-01-01T00:00:00Z): a real time would change the bytes on each build.</summary>
    private static readonly DateTimeOffset s_entryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const UnixFileMode FileMode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode FolderMode755 = FileMode644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>A folder is packed; a file is taken as a ready tar after a check that it reads as one.</summary>
    public static byte[] Load(string path)
    {
        try
        {
            return Directory.Exists(path) ? Pack(path) : CheckedTar(File.ReadAllBytes(path), path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read '{path}': {ex.Message}");
        }
    }

    /// <summary>
    /// Packs the folder's files and sub-folders as ustar entries (names up to 255 bytes). A link is refused rather
    /// than followed or skipped: a dashboard that silently lost or duplicated a file would be hard to debug.
    /// </summary>
    public static byte[] Pack(string folder)
    {
        var root = new DirectoryInfo(folder);
        var entries = root.EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(info => (Info: info, Name: Path.GetRelativePath(root.FullName, info.FullName).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(entry => entry.Name, StringComparer.Ordinal)
            .ToList();
        if (!entries.Any(entry => entry.Info is FileInfo))
        {
            throw new CliUsageException($"folder '{folder}' holds no files: a dashboard needs at least one");
        }

        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach ((FileSystemInfo info, string name) in entries)
            {
                try
                {
                    writer.WriteEntry(Entry(info, name));
                }
                catch (ArgumentException ex)
                {
                    throw new CliUsageException($"cannot pack '{name}' into a ustar archive (names up to 255 bytes): {ex.Message}");
                }
            }
        }

        return tar.ToArray();
    }

    private static UstarTarEntry Entry(FileSystemInfo info, string name)
    {
        if (info.LinkTarget is not null)
        {
            throw new CliUsageException($"'{info.FullName}' is a link: a dashboard folder may hold only regular files and folders");
        }

        UstarTarEntry entry = info switch
        {
            DirectoryInfo => new UstarTarEntry(TarEntryType.Directory, name + "/") { Mode = FolderMode755 },
            FileInfo file =>
                new UstarTarEntry(TarEntryType.RegularFile, name) { Mode = FileMode644, DataStream = new MemoryStream(File.ReadAllBytes(file.FullName)) },
            _ => throw new CliUsageException($"'{info.FullName}' is neither a file nor a folder"),
        };
        entry.ModificationTime = s_entryTime;
        entry.Uid = 0;
        entry.Gid = 0;
        return entry;
    }

    private static byte[] CheckedTar(byte[] bytes, string path)
    {
        if (TarBounds.Problem(bytes) is { } problem)
        {
            throw new CliUsageException($"'{path}' is neither a folder nor a readable tar archive: {problem}");
        }
        try
        {
            using var reader = new TarReader(new MemoryStream(bytes));
            if (reader.GetNextEntry() is null)
            {
                throw new CliUsageException($"'{path}' is an empty tar archive");
            }

            while (reader.GetNextEntry() is not null)
            {
            }
        }
        catch (Exception ex) when (ex is not CliUsageException)
        {
            // Any exception: on crafted headers the reader throws undocumented ones (InvalidOperationException, OverflowException).
            throw new CliUsageException($"'{path}' is neither a folder nor a readable tar archive: {ex.Message}");
        }

        return bytes;
    }
}
