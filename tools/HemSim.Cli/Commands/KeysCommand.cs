using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim keys …</c>: the key-management verbs (spec §12), one file each.</summary>
internal static class KeysCommand
{
    public static Command Create(GlobalOptions global, CliHost host) =>
        new("keys", "Manage keys in the device's key store (HTTPS only)")
        {
            KeysListCommand.Create(global, host),
            KeysSearchCommand.Create(global, host),
            KeysGetCommand.Create(global, host),
            KeysCreateCommand.Create(global, host),
            KeysUpdateCommand.Create(global, host),
            KeysDeleteCommand.Create(global, host),
            KeysImportCommand.Create(global, host),
            KeysDeriveCommand.Create(global, host),
        };
}
