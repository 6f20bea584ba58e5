using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary>STUB (issue #7, being written): <c>hemsim upgrade …</c> verbs.</summary>
internal static class UpgradeCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        _ = global;
        _ = host;
        return new Command("upgrade", "Firmware, dashboard and bootloader upgrades (spec §11.9–§11.15, §16 G10–G11)");
    }
}
