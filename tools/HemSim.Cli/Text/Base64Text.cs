using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace HemSim.Cli.Text;

/// <summary>
/// Base64 as the device speaks it (spec §3.8): it emits standard base64 with padding, JWT segments are b64url
/// without padding, and inputs may use either alphabet with or without padding.
/// </summary>
internal static class Base64Text
{
    public static string Encode(ReadOnlySpan<byte> data) => Convert.ToBase64String(data);

    public static string EncodeUrl(ReadOnlySpan<byte> data) => Base64Url.EncodeToString(data);

    /// <summary>Decodes standard or URL-safe base64, padded or not.</summary>
    public static bool TryDecodeAny(string text, [NotNullWhen(true)] out byte[]? data)
    {
        string standard = text.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        int remainder = standard.Length % 4;
        if (remainder == 1)
        {
            data = null;
            return false;
        }

        standard = remainder == 0 ? standard : standard + new string('=', 4 - remainder);
        data = new byte[standard.Length / 4 * 3];
        if (Convert.TryFromBase64String(standard, data, out int written))
        {
            Array.Resize(ref data, written);
            return true;
        }

        data = null;
        return false;
    }
}
