namespace HemSim.Cli.Commands;

/// <summary>Process exit codes; scripts depend on them (README.md, "Command-line client").</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The device refused (non-2xx), answered something unexpected, or the command line was unusable.</summary>
    public const int Failure = 1;

    /// <summary>No HTTP answer: connection refused, TLS not trusted, timeout.</summary>
    public const int ConnectionFailure = 2;
}
