using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim shutdown</c>. NOT IMPLEMENTED YET (stub).</summary>
internal static class ShutdownCommand
{
    public static Command Create(GlobalOptions global, CliHost host) => new("shutdown", "Shut the device down (not implemented yet)");
}
