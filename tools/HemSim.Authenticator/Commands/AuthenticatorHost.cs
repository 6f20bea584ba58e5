namespace HemSim.Authenticator.Commands;

/// <summary>
/// What the console program touches outside its arguments: output, standard input (the y/n prompts) and the
/// environment. Tests replace each of them, as the CLI's <c>CliHost</c> does.
/// </summary>
internal sealed record AuthenticatorHost(TextWriter Out, TextWriter Error, TextReader In, Func<string, string?> GetEnvironmentVariable)
{
    public static AuthenticatorHost FromProcess() =>
        new(System.Console.Out, System.Console.Error, System.Console.In, Environment.GetEnvironmentVariable);

    /// <summary>The variable's value, or <c>null</c> when it is unset or empty.</summary>
    public string? Variable(string name) => GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
