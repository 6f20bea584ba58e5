namespace HemSim.Authenticator.Commands;

/// <summary>Process exit codes, the same as the <c>hemsim</c> CLI's.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad command line, refused pairing, broker refusal, unreadable state.</summary>
    public const int Failure = 1;

    /// <summary>The broker could not be reached.</summary>
    public const int ConnectionFailure = 2;
}
