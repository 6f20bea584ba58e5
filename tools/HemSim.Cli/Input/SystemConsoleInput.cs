namespace HemSim.Cli.Input;

/// <summary><see cref="IConsoleInput"/> over the process console.</summary>
internal sealed class SystemConsoleInput : IConsoleInput
{
    public bool IsInteractive => !Console.IsInputRedirected;

    public ConsoleKeyInfo ReadKey(bool intercept) => Console.ReadKey(intercept);

    public string? ReadLine() => Console.In.ReadLine();

    public Stream OpenStandardInput() => Console.OpenStandardInput();
}
