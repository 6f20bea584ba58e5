using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary>The passphrase option shared by the commands that log in.</summary>
internal static class PassphraseOptions
{
    public static Option<bool> CreateStdinOption() => new("--passphrase-stdin")
    {
        Description = "Read the passphrase from the first line of standard input",
    };
}
