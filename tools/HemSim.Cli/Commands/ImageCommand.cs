using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary>STUB (issue #7, being written): <c>hemsim image …</c> — builds and signs upgrade images (docs/UPGRADE.md).</summary>
internal static class ImageCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        _ = global;
        _ = host;
        return new Command("image", "Build and sign firmware and dashboard images (docs/UPGRADE.md)");
    }
}
