namespace HemSim.Authenticator.Commands;

/// <summary>A command line that cannot run (bad or conflicting values); printed as <c>error: …</c>, exit 1.</summary>
internal sealed class UsageException(string message) : Exception(message);
