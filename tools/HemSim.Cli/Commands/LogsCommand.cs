using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim logs</c>. NOT IMPLEMENTED YET (stub).</summary>
internal static class LogsCommand
{
    public static Command Create(GlobalOptions global, CliHost host) => new("logs", "Audit log: key, list, get, verify (not implemented yet)");
}
