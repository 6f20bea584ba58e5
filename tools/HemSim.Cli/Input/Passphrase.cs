using System.Runtime.InteropServices;

namespace HemSim.Cli.Input;

/// <summary>
/// A passphrase held in a char buffer that is wiped on dispose. <see cref="ToString"/> never shows it, so it cannot
/// leak through string interpolation or a debugger display.
/// </summary>
internal sealed class Passphrase : IDisposable
{
    private readonly char[] _chars;

    public Passphrase(ReadOnlySpan<char> chars)
    {
        _chars = chars.ToArray();
    }

    public ReadOnlySpan<char> Chars => _chars;

    public bool IsEmpty => _chars.Length == 0;

    public bool SameAs(Passphrase other) => Chars.SequenceEqual(other.Chars);

    public override string ToString() => "Passphrase(***)";

    public void Dispose() => MemoryMarshal.AsBytes(_chars.AsSpan()).Clear();
}
