using HemSim.Cli.Input;

namespace HemSim.Cli;

/// <summary>
/// Everything a command may touch outside its arguments: output, terminal input, environment variables and the
/// clock. Tests replace each of them; the process never reads <see cref="Environment"/> or <see cref="Console"/>
/// directly anywhere else.
/// </summary>
internal sealed record CliHost(
    TextWriter Out,
    TextWriter Error,
    IConsoleInput Input,
    Func<string, string?> GetEnvironmentVariable,
    TimeProvider Clock)
{
    public static CliHost FromProcess() => new(
        Console.Out,
        Console.Error,
        new SystemConsoleInput(),
        Environment.GetEnvironmentVariable,
        TimeProvider.System);

    /// <summary>The variable's value, or <c>null</c> when it is unset or empty.</summary>
    public string? Variable(string name) => GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
