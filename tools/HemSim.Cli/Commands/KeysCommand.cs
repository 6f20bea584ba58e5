using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim keys …</c>: the key-management verbs (spec §12), one file each.</summary>
internal static class KeysCommand
{
    public static Command Create(GlobalOptions global, CliHost host) =>
        new("keys", "Manage keys in the device's key store (HTTPS only)")
        {
            KeysCreateCommand.Create(global, host),
        };
}
