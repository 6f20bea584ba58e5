namespace HemSim.Transport.Tests.Support;

internal static class Hex
{
    /// <summary>Bytes from hex written with or without spaces, e.g. "01 02 0A".</summary>
    public static byte[] Parse(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static string Format(ReadOnlySpan<byte> bytes) =>
        string.Join(' ', Convert.ToHexString(bytes).Chunk(2).Select(pair => new string(pair)));
}
