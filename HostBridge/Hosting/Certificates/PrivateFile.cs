namespace HemSim.HostBridge.Hosting.Certificates;

/// <summary>
/// Files only their owner may read: created with mode 0600 from the first byte on Unix (never
/// chmod-ed afterwards), written under a temporary name and moved into place, so a crash leaves
/// either no file or a whole one.
/// </summary>
internal static class PrivateFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerReadWrite | UnixFileMode.UserExecute;

    public static void EnsureFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyFolder);
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, replacing what is there.</summary>
    public static void WriteAllText(string path, string text, bool ownerOnly)
    {
        string temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        try
        {
            using (var writer = new StreamWriter(path: temporary, options))
            {
                writer.Write(text);
                writer.Flush();
                ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
