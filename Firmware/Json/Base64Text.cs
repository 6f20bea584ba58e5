using System.Buffers;
using System.Buffers.Text;

namespace HemSim.Firmware.Json;

/// <summary>
/// Base64 rules of spec §3.8: input accepts the standard and the URL-safe alphabet, with or without
/// padding; output is standard base64 with padding, except JWT segments and audit-log fields, which
/// are b64url without padding.
/// </summary>
internal static class Base64Text
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes);

    public static string EncodeUrl(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    private static readonly SearchValues<char> s_standardAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    /// <summary>Decodes either alphabet, padding optional. False for anything else (no exceptions).</summary>
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0)
        {
            return true;
        }
        var trimmed = text.TrimEnd('=');
        // Padding alone is not base64, nor is padding that could not end a quantum.
        if (trimmed.Length == 0 || text.Length - trimmed.Length > 2 || trimmed.Length % 4 == 1)
        {
            return false;
        }
        // Fast path (the common case: what clients send, and up to 16 MiB of it): standard alphabet, fully padded.
        // The alphabet check comes first because the runtime's decoder would skip whitespace.
        if (text.Length % 4 == 0 && trimmed.AsSpan().IndexOfAnyExcept(s_standardAlphabet) < 0)
        {
            var decoded = new byte[trimmed.Length / 4 * 3 + (trimmed.Length % 4 == 0 ? 0 : trimmed.Length % 4 - 1)];
            if (Convert.TryFromBase64Chars(text, decoded, out var written) && written == decoded.Length)
            {
                bytes = decoded;
                return true;
            }
            return false;
        }
        Span<char> normalised = trimmed.Length <= 1024 ? stackalloc char[trimmed.Length] : new char[trimmed.Length];
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            normalised[i] = c switch
            {
                '-' => '+',
                '_' => '/',
                _ => c,
            };
            if (!IsBase64Char(normalised[i]))
            {
                return false;
            }
        }
        var padded = new string(normalised) + new string('=', (4 - trimmed.Length % 4) % 4);
        try
        {
            bytes = Convert.FromBase64String(padded);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool IsBase64Char(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/';
}
