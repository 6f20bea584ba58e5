namespace HemSim.Cli.Logs;

/// <summary>
/// The outcome of checking one audit-log file (spec §19.4). On failure, <see cref="Line"/> is the 1-based number of
/// the first line that does not verify and <see cref="Reason"/> says why; lines after it are not examined.
/// </summary>
internal sealed record LogVerification(bool Verified, int Line, string Reason, int Records, int KeyInits)
{
    public static LogVerification Success(int records, int keyInits) => new(true, 0, "", records, keyInits);

    public static LogVerification Failure(int line, string reason, int records, int keyInits) =>
        new(false, line, reason, records, keyInits);
}
