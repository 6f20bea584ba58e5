using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim image …</c>: builds, signs and inspects HemSim signed images (docs/UPGRADE.md) offline — no device is
/// contacted. <c>hemsim upgrade</c> then uploads them.
/// </summary>
internal static class ImageCommand
{
    public static Command Create(GlobalOptions global, CliHost host) =>
        new("image", "Build, sign and inspect firmware and dashboard images (docs/UPGRADE.md); offline, no device needed")
        {
            ImageSignCommand.Create(global, host),
            ImageInspectCommand.Create(global, host),
            ImageKeyCommand.CreateKey(global, host),
            ImageKeyCommand.CreateKeygen(host),
        };
}
