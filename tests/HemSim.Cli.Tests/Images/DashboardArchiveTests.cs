using System.Formats.Tar;
using FluentAssertions;
using HemSim.Cli.Commands;
using HemSim.Cli.Images;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Images;

[TestClass]
public sealed class DashboardArchiveTests
{
    [TestMethod]
    public void Packs_a_folder_as_ustar_with_relative_names_in_ordinal_order()
    {
        // Arrange
        using var scratch = new ScratchFolder();
        scratch.Write("ui/style.css", "b{}"u8.ToArray());
        scratch.Write("ui/img/logo.svg", "<svg/>"u8.ToArray());
        scratch.Write("ui/Index.html", "<p>"u8.ToArray());

        // Act
        byte[] tar = DashboardArchive.Load(scratch.File("ui"));

        // Assert
        var entries = new List<(string Name, TarEntryType Type, TarEntryFormat Format, string Content)>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry)
        {
            string content = entry.DataStream is null ? "" : new StreamReader(entry.DataStream).ReadToEnd();
            entries.Add((entry.Name, entry.EntryType, entry.Format, content));
        }
        entries.Should().Equal(
            ("Index.html", TarEntryType.RegularFile, TarEntryFormat.Ustar, "<p>"),
            ("img/", TarEntryType.Directory, TarEntryFormat.Ustar, ""),
            ("img/logo.svg", TarEntryType.RegularFile, TarEntryFormat.Ustar, "<svg/>"),
            ("style.css", TarEntryType.RegularFile, TarEntryFormat.Ustar, "b{}"));
    }

    [TestMethod]
    public void Packing_the_same_folder_twice_gives_the_same_bytes_even_after_a_touch()
    {
        using var scratch = new ScratchFolder();
        string file = scratch.Write("ui/index.html", "<p>"u8.ToArray());

        byte[] first = DashboardArchive.Load(scratch.File("ui"));
        File.SetLastWriteTimeUtc(file, new DateTime(2030, 5, 5, 0, 0, 0, DateTimeKind.Utc));
        byte[] second = DashboardArchive.Load(scratch.File("ui"));

        second.Should().Equal(first, "the uis of a dashboard must not depend on when it was built");
    }

    [TestMethod]
    public void Takes_a_ready_tar_file_as_it_is()
    {
        using var scratch = new ScratchFolder();
        scratch.Write("ui/a.txt", "a"u8.ToArray());
        byte[] tar = DashboardArchive.Load(scratch.File("ui"));
        string file = scratch.Write("webroot.tar", tar);

        DashboardArchive.Load(file).Should().Equal(tar);
    }

    [TestMethod]
    public void Refuses_a_file_that_is_not_a_tar()
    {
        using var scratch = new ScratchFolder();
        string file = scratch.Write("notes.txt", [.. Enumerable.Repeat((byte)'x', 1024)]);

        Action load = () => DashboardArchive.Load(file);

        load.Should().Throw<CliUsageException>().WithMessage("*neither a folder nor a readable tar archive*");
    }

    [TestMethod]
    public void Refuses_a_tar_without_entries()
    {
        using var scratch = new ScratchFolder();
        string file = scratch.Write("empty.tar", new byte[1024]); // just the two zero blocks that end an archive

        Action load = () => DashboardArchive.Load(file);

        load.Should().Throw<CliUsageException>().WithMessage("*is an empty tar archive");
    }

    [TestMethod]
    public void Refuses_a_folder_without_files()
    {
        using var scratch = new ScratchFolder();
        Directory.CreateDirectory(scratch.File("ui/empty"));

        Action load = () => DashboardArchive.Load(scratch.File("ui"));

        load.Should().Throw<CliUsageException>().WithMessage("*holds no files*");
    }

    [TestMethod]
    public void Refuses_a_link_in_the_folder()
    {
        using var scratch = new ScratchFolder();
        string target = scratch.Write("secret.txt", "x"u8.ToArray());
        scratch.Write("ui/index.html", "<p>"u8.ToArray());
        File.CreateSymbolicLink(scratch.File("ui/link.txt"), target);

        Action load = () => DashboardArchive.Load(scratch.File("ui"));

        load.Should().Throw<CliUsageException>().WithMessage("*is a link*");
    }
}
