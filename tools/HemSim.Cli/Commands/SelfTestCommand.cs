using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim selftest</c>. NOT IMPLEMENTED YET (stub).</summary>
internal static class SelfTestCommand
{
    public static Command Create(GlobalOptions global, CliHost host) => new("selftest", "Run the device self-test (not implemented yet)");
}
