using System.Diagnostics.CodeAnalysis;

namespace HemSim.Firmware.Keystore;

/// <summary>
/// A 16-byte key identifier, written as exactly 32 hex characters; the device emits lowercase and
/// accepts either case (spec §3.9).
/// </summary>
internal sealed record Kid
{
    public const int Size = 16;

    private Kid(string hex) => Hex = hex;

    /// <summary>Lowercase hex text, the form the device emits and scopes embed.</summary>
    public string Hex { get; }

    public static Kid FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A kid is {Size} bytes.", nameof(bytes));
        }
        return new Kid(Convert.ToHexStringLower(bytes));
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out Kid? kid)
    {
        kid = null;
        if (text is null || text.Length != Size * 2 || !text.All(Uri.IsHexDigit))
        {
            return false;
        }
        kid = new Kid(text.ToLowerInvariant());
        return true;
    }

    public byte[] ToBytes() => Convert.FromHexString(Hex);

    public override string ToString() => Hex;
}
