using HemSim.Cli.Input;

namespace HemSim.Cli.Tests.Fakes;

/// <summary>
/// A terminal that "types" a script: in <c>keys</c>, '\n' is Enter and '\b' is Backspace; <c>lines</c> are what
/// standard input holds as lines (<see cref="StandardInputBytes"/> as raw bytes). Records whether any key was read
/// with echo on.
/// </summary>
internal sealed class ScriptedConsoleInput(bool interactive, string keys = "", params string[] lines) : IConsoleInput
{
    private readonly Queue<char> _keys = new(keys);
    private readonly Queue<string> _lines = new(lines);

    public static ScriptedConsoleInput NonInteractive() => new(interactive: false);

    public static ScriptedConsoleInput Typing(string keys) => new(interactive: true, keys);

    public static ScriptedConsoleInput Stdin(params string[] lines) => new(interactive: false, "", lines);

    public bool IsInteractive => interactive;

    public bool ReadWithEcho { get; private set; }

    public int KeysLeft => _keys.Count;

    public ConsoleKeyInfo ReadKey(bool intercept)
    {
        ReadWithEcho |= !intercept;
        char c = _keys.Count > 0 ? _keys.Dequeue() : throw new InvalidOperationException("the script has no more keys");
        return c switch
        {
            '\n' => new ConsoleKeyInfo('\r', ConsoleKey.Enter, shift: false, alt: false, control: false),
            '\b' => new ConsoleKeyInfo('\b', ConsoleKey.Backspace, shift: false, alt: false, control: false),
            _ => new ConsoleKeyInfo(c, ConsoleKey.NoName, shift: false, alt: false, control: false),
        };
    }

    public string? ReadLine() => _lines.Count > 0 ? _lines.Dequeue() : null;

    /// <summary>The raw bytes standard input holds for <see cref="OpenStandardInput"/>.</summary>
    public byte[] StandardInputBytes { get; init; } = [];

    public Stream OpenStandardInput() => new MemoryStream(StandardInputBytes, writable: false);
}
