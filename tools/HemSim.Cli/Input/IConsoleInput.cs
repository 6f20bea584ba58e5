namespace HemSim.Cli.Input;

/// <summary>The terminal or standard input: passphrase prompts and lines, or raw bytes.</summary>
internal interface IConsoleInput
{
    /// <summary><c>true</c> when a person can type at a terminal (standard input is not redirected).</summary>
    bool IsInteractive { get; }

    /// <summary>One key press; with <paramref name="intercept"/> it is not echoed.</summary>
    ConsoleKeyInfo ReadKey(bool intercept);

    /// <summary>One line of standard input without its line break, or <c>null</c> at the end of input.</summary>
    string? ReadLine();

    /// <summary>Standard input as raw bytes (a message piped in with <c>--in -</c>); the caller disposes it.</summary>
    Stream OpenStandardInput();
}
