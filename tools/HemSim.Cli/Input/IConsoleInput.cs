namespace HemSim.Cli.Input;

/// <summary>The terminal or standard input, as the passphrase prompts need it.</summary>
internal interface IConsoleInput
{
    /// <summary><c>true</c> when a person can type at a terminal (standard input is not redirected).</summary>
    bool IsInteractive { get; }

    /// <summary>One key press; with <paramref name="intercept"/> it is not echoed.</summary>
    ConsoleKeyInfo ReadKey(bool intercept);

    /// <summary>One line of standard input without its line break, or <c>null</c> at the end of input.</summary>
    string? ReadLine();
}
