namespace HemSim.Cli.Commands;

/// <summary>The command cannot run as asked (bad option value, no passphrase available). Exit code 1, no HTTP call.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
