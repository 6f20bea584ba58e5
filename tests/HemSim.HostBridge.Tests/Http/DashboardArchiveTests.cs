using System.Formats.Tar;
using System.Text;
using FluentAssertions;
using HemSim.HostBridge.Http;
using HemSim.TestKit;
using Microsoft.Extensions.FileProviders;

namespace HemSim.HostBridge.Tests.Http;

/// <summary>A dashboard tar unpacked in memory: regular files under safe relative names, nothing else.</summary>
[TestClass]
public sealed class DashboardArchiveTests
{
    private static readonly DateTimeOffset s_received = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [TestMethod]
    [DataRow("index.html", "index.html")]
    [DataRow("./app/main.js", "app/main.js")]
    [DataRow("app//main.js", "app/main.js")]
    [DataRow("app/./main.js", "app/main.js")]
    [DataRow("../outside.txt", null, DisplayName = "parent")]
    [DataRow("app/../../outside.txt", null, DisplayName = "parent further in")]
    [DataRow("/etc/passwd", null, DisplayName = "absolute")]
    [DataRow(".env", null, DisplayName = "dot-file")]
    [DataRow("app/.git/config", null, DisplayName = "dot-folder")]
    [DataRow("./", null, DisplayName = "no name left")]
    public void Entry_names_are_made_relative_or_refused(string name, string? expected)
    {
        DashboardArchive.RelativePath(name).Should().Be(expected);
    }

    [TestMethod]
    public void Regular_files_are_served_under_their_relative_name_with_their_bytes()
    {
        DashboardArchive archive = Unpack(new DashboardTar().File("./index.html", "<html/>").File("app/main.js", "let x;"));

        Text(archive, "/index.html").Should().Be("<html/>");
        Text(archive, "/app/main.js").Should().Be("let x;");
        archive.GetFileInfo("/app/main.js").LastModified.Should().Be(s_received);
        archive.GetFileInfo("/app/main.js").PhysicalPath.Should().BeNull();
    }

    [TestMethod]
    public void Refused_names_links_and_folders_are_not_files()
    {
        DashboardArchive archive = Unpack(new DashboardTar()
            .File("../outside.txt", "escaped")
            .File("/etc/abs.txt", "absolute")
            .File(".env", "secret")
            .Link(TarEntryType.SymbolicLink, "link.html", "/etc/passwd")
            .Link(TarEntryType.HardLink, "hard.html", "index.html")
            .Folder("docs/")
            .File("index.html", "<html/>"));

        foreach (string path in new[] { "/outside.txt", "/../outside.txt", "/etc/abs.txt", "/.env", "/link.html", "/hard.html", "/docs" })
        {
            archive.GetFileInfo(path).Exists.Should().BeFalse(path);
        }
        archive.GetDirectoryContents("/docs/").Exists.Should().BeFalse("a folder with no file in it is not served");
        Text(archive, "/index.html").Should().Be("<html/>");
    }

    [TestMethod]
    public void Of_two_entries_with_one_name_the_last_wins()
    {
        DashboardArchive archive = Unpack(new DashboardTar().File("app.js", "old").File("./app.js", "new"));

        Text(archive, "/app.js").Should().Be("new");
    }

    [TestMethod]
    public void Folders_that_hold_files_exist_and_list_their_own_files()
    {
        DashboardArchive archive = Unpack(new DashboardTar().File("index.html", "root").File("sub/index.html", "sub").File("sub/deep/a.js", "a"));

        archive.GetDirectoryContents("/").Exists.Should().BeTrue();
        archive.GetDirectoryContents("/sub/deep").Exists.Should().BeTrue();
        archive.GetDirectoryContents("/nope/").Exists.Should().BeFalse();
        archive.GetDirectoryContents("/sub/").Select(file => file.Name).Should().Equal("index.html");
    }

    [TestMethod]
    public void Archive_that_cannot_be_read_to_its_end_serves_nothing()
    {
        byte[] tar = new DashboardTar().File("index.html", "<html/>").File("app.js", "let x;").ToArray();
        int header = Enumerable.Range(0, tar.Length / 512).Select(block => block * 512)
            .Last(offset => tar.AsSpan(offset).StartsWith("app.js"u8));

        DashboardArchive archive = DashboardArchive.Unpack(tar[..(header + 512 + 2)], s_received);  // cut in app.js's data

        archive.GetFileInfo("/index.html").Exists.Should().BeFalse();
        archive.GetDirectoryContents("/").Exists.Should().BeFalse();
    }

    [TestMethod]
    [DataRow("GNU long name claiming 4 GB")]
    [DataRow("pax header claiming 1.5 GB")]
    [DataRow("pax size record overflowing")]
    [DataRow("pax uid record overflowing")]
    public void An_archive_that_breaks_the_tar_reader_serves_nothing(string what)
    {
        byte[] crafted = what switch
        {
            "GNU long name claiming 4 GB" => CraftedTar.Claiming('L', 4_000_000_000),
            "pax header claiming 1.5 GB" => CraftedTar.Claiming('x', 1_500_000_000),
            "pax size record overflowing" => CraftedTar.PaxRecord("size=99999999999999999999"),
            _ => CraftedTar.PaxRecord("uid=999999999999999999999"),
        };
        // A good file first: what comes before the bad header is not served either.
        byte[] good = new DashboardTar().File("index.html", "<html/>").ToArray();
        byte[] tar = [.. good.AsSpan(0, good.Length - 1024), .. crafted];

        DashboardArchive archive = DashboardArchive.Unpack(tar, s_received);

        archive.GetFileInfo("/index.html").Exists.Should().BeFalse();
    }

    [TestMethod]
    public void Every_crafted_archive_serves_nothing_without_reserving_more_than_the_archive_holds()
    {
        foreach ((string name, byte[] tar) in CraftedTar.All())
        {
            long before = GC.GetAllocatedBytesForCurrentThread();

            DashboardArchive archive = DashboardArchive.Unpack(tar, s_received);

            archive.GetFileInfo("/index.html").Exists.Should().BeFalse(name);
            (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1024 * 1024, name);
        }
    }

    private static DashboardArchive Unpack(DashboardTar tar) => DashboardArchive.Unpack(tar.ToArray(), s_received);

    private static string Text(DashboardArchive archive, string path)
    {
        IFileInfo file = archive.GetFileInfo(path);
        file.Exists.Should().BeTrue(path);
        using var reader = new StreamReader(file.CreateReadStream(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
