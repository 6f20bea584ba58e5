using System.Collections;
using System.Collections.Frozen;
using System.Formats.Tar;
using HemSim.Firmware.Upgrade;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace HemSim.HostBridge.Http;

/// <summary>
/// The files of one dashboard archive (the tar of a dashboard image, docs/UPGRADE.md), unpacked in memory and
/// offered to ASP.NET Core's static-file middleware. Nothing touches the disk, so no entry name can reach outside.
/// </summary>
/// <remarks>
/// Only regular files are kept, under their name made relative: empty and <c>.</c> segments are dropped
/// (<c>./index.html</c> is <c>index.html</c>). An entry is left out when its name is absolute, has a <c>..</c>
/// segment, or has a segment starting with a dot (dot-files are not served, as with <c>--static</c>), and so are
/// links, directories and devices. Of entries with the same name the last wins, as when the tar is unpacked. An
/// archive that cannot be read to its end, or that the device's header rule refuses (<see cref="TarHeaderScan"/>),
/// serves nothing: half a dashboard is worse than the device's 404.
/// </remarks>
internal sealed class DashboardArchive : IFileProvider
{
    private readonly FrozenDictionary<string, byte[]> _files;
    private readonly FrozenSet<string> _folders;   // every folder that holds a file, "" being the root
    private readonly DateTimeOffset _lastModified;

    private DashboardArchive(Dictionary<string, byte[]> files, DateTimeOffset lastModified)
    {
        _files = files.ToFrozenDictionary(StringComparer.Ordinal);
        _folders = files.Keys.SelectMany(Folders).ToFrozenSet(StringComparer.Ordinal);
        _lastModified = lastModified;
    }

    /// <summary>No dashboard: every path is not found.</summary>
    public static DashboardArchive Empty { get; } = new([], DateTimeOffset.UnixEpoch);

    /// <summary>Unpacks <paramref name="tar"/>.</summary>
    /// <param name="lastModified">The <c>Last-Modified</c> of every file, from which the ETag is made too. The bridge
    /// passes the time it received the archive, not the entries' times: a reproducible build stamps every version's
    /// files with one fixed time, and a file whose length did not change would then keep its ETag.</param>
    public static DashboardArchive Unpack(ReadOnlyMemory<byte> tar, DateTimeOffset lastModified)
    {
        if (!TarHeaderScan.IsWithinBounds(tar.Span))
        {
            return Empty;
        }
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using var reader = new TarReader(new MemoryStream(tar.ToArray(), writable: false));
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile
                    && RelativePath(entry.Name) is { } path)
                {
                    files[path] = Contents(entry);
                }
            }
        }
        catch (Exception)
        {
            // Any exception: on crafted headers the reader throws undocumented ones (InvalidOperationException,
            // OverflowException), and an archive it cannot read serves nothing.
            return Empty;
        }
        return new DashboardArchive(files, lastModified);
    }

    /// <summary><paramref name="name"/> made relative, or null when it must not be served.</summary>
    internal static string? RelativePath(string name)
    {
        if (name.StartsWith('/'))
        {
            return null;
        }
        string[] segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(segment => segment != ".").ToArray();
        return segments.Length == 0 || segments.Any(segment => segment.StartsWith('.')) ? null : string.Join('/', segments);
    }

    public IFileInfo GetFileInfo(string subpath) =>
        _files.TryGetValue(Key(subpath), out byte[]? contents) ? new File(subpath, contents, _lastModified) : new NotFoundFileInfo(subpath);

    /// <summary>A folder's files; the middleware only asks whether it exists (there is no listing).</summary>
    public IDirectoryContents GetDirectoryContents(string subpath)
    {
        string folder = Key(subpath).TrimEnd('/');
        return _folders.Contains(folder) ? new Folder(folder, this) : NotFoundDirectoryContents.Singleton;
    }

    /// <summary>An archive never changes; a new one replaces it whole.</summary>
    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private static string Key(string subpath) => subpath.StartsWith('/') ? subpath[1..] : subpath;

    private static IEnumerable<string> Folders(string path)
    {
        yield return "";
        for (int slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    private static byte[] Contents(TarEntry entry)
    {
        if (entry.DataStream is not { } data)
        {
            return [];
        }
        using var copy = new MemoryStream();
        data.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class File(string subpath, byte[] contents, DateTimeOffset lastModified) : IFileInfo
    {
        public bool Exists => true;

        public long Length => contents.Length;

        public string? PhysicalPath => null;   // the middleware then sends CreateReadStream()

        public string Name => Path.GetFileName(subpath);

        public DateTimeOffset LastModified => lastModified;

        public bool IsDirectory => false;

        public Stream CreateReadStream() => new MemoryStream(contents, writable: false);
    }

    private sealed class Folder(string folder, DashboardArchive archive) : IDirectoryContents
    {
        public bool Exists => true;

        public IEnumerator<IFileInfo> GetEnumerator() =>
            archive._files.Keys
                .Where(path => (path.LastIndexOf('/') is var slash && slash >= 0 ? path[..slash] : "") == folder)
                .Select(path => archive.GetFileInfo(path))
                .GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
