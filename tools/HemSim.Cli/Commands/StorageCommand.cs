using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim storage lock|unlock</c>: the mass-storage slots of a PPA (spec §14).</summary>
internal static class StorageCommand
{
    public static Command Create(GlobalOptions global, CliHost host) =>
        new("storage", "Hide or expose the SD-card disks to the USB host (PPA only; the token's scope picks the disk)")
        {
            StorageVerb.CreateLock(global, host),
            StorageVerb.CreateUnlock(global, host),
        };
}
