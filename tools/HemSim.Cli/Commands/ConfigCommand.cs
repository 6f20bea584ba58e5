using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim config</c>. NOT IMPLEMENTED YET (stub).</summary>
internal static class ConfigCommand
{
    public static Command Create(GlobalOptions global, CliHost host) => new("config", "Device configuration: get, set, passphrase change, TLS, wipeout (not implemented yet)");
}
