using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim checkin</c>. NOT IMPLEMENTED YET (stub).</summary>
internal static class CheckinCommand
{
    public static Command Create(GlobalOptions global, CliHost host) => new("checkin", "Check in with the backend: sets the device clock (not implemented yet)");
}
