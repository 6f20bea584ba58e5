using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim reboot</c>. NOT IMPLEMENTED YET (stub).</summary>
internal static class RebootCommand
{
    public static Command Create(GlobalOptions global, CliHost host) => new("reboot", "Reboot the device (not implemented yet)");
}
