using System.Formats.Tar;
using System.Text;

namespace HemSim.HostBridge.Tests.Http;

/// <summary>Builds dashboard archives (docs/UPGRADE.md: a tar) entry by entry, in pax format.</summary>
internal sealed class DashboardTar
{
    private readonly List<PaxTarEntry> _entries = [];

    public DashboardTar File(string name, string text)
    {
        _entries.Add(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
        return this;
    }

    public DashboardTar Link(TarEntryType type, string name, string target)
    {
        _entries.Add(new PaxTarEntry(type, name) { LinkName = target });
        return this;
    }

    public DashboardTar Folder(string name)
    {
        _entries.Add(new PaxTarEntry(TarEntryType.Directory, name));
        return this;
    }

    public byte[] ToArray()
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (PaxTarEntry entry in _entries)
            {
                writer.WriteEntry(entry);
            }
        }
        return tar.ToArray();
    }
}
