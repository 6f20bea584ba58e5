namespace HemSim.Cli.Commands;

/// <summary>Client-side checks of a requested scope (spec §5.4: one string, no spaces, at most 127 characters).</summary>
internal static class ScopeRules
{
    public const int MaxLength = 127;

    public static string Validate(string scope)
    {
        if (scope.Length == 0 || scope.Length > MaxLength || scope.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new CliUsageException($"--scope must be 1–{MaxLength} characters without spaces, e.g. keymgmt:gen");
        }

        return scope;
    }
}
