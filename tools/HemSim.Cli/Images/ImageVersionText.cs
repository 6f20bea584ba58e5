using System.Text;
using HemSim.Cli.Commands;

namespace HemSim.Cli.Images;

/// <summary>The version text rule (docs/UPGRADE.md §1): UTF-8, 1–64 bytes, no control characters.</summary>
internal static class ImageVersionText
{
    public static byte[] Encode(string version)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(version);
        if (bytes.Length is < 1 or > ImageLayout.MaxVersionBytes)
        {
            throw new CliUsageException($"--version must be 1–{ImageLayout.MaxVersionBytes} UTF-8 bytes, not {bytes.Length}");
        }
        if (version.Any(char.IsControl))
        {
            throw new CliUsageException("--version must not contain control characters");
        }

        return bytes;
    }
}
