using HemSim.Authenticator.Commands;

namespace HemSim.Authenticator.Tests.Commands;

/// <summary>Runs <c>hemsim-authenticator</c> in-process with captured output, given input and environment.</summary>
internal sealed class ConsoleRun
{
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public string Input { get; init; } = "";

    public ConsoleRun With(string variable, string value)
    {
        _environment[variable] = value;
        return this;
    }

    public async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new AuthenticatorHost(TextWriter.Synchronized(output), TextWriter.Synchronized(error), new StringReader(Input),
            name => _environment.GetValueOrDefault(name));
        int exitCode = await Program.RunAsync(args, host);
        return (exitCode, output.ToString(), error.ToString());
    }
}
