using HemSim.Cli.Input;

namespace HemSim.Cli.Tests.Fakes;

/// <summary>Runs <c>hemsim</c> in-process with a scripted environment, terminal and clock.</summary>
internal sealed class CliInvocation
{
    /// <summary>The vectors' <c>iat</c>: with it and <c>--exp 600</c> a login reproduces the vector proofs.</summary>
    public const long VectorNow = 1764000000;

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public IConsoleInput Input { get; set; } = ScriptedConsoleInput.NonInteractive();

    public TimeProvider Clock { get; set; } = FixedClock.AtUnix(VectorNow);

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var host = new CliHost(stdout, stderr, Input, name => Environment.GetValueOrDefault(name), Clock);
        int exitCode = await Program.RunAsync(args, host);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string AllOutput => Out + Error;
}
