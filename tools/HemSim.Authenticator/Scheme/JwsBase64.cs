using System.Buffers.Text;

namespace HemSim.Authenticator.Scheme;

/// <summary>base64url without padding, the JWS part encoding (§1); false rather than an exception for bad text.</summary>
internal static class JwsBase64
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Contains('=') || !Base64Url.IsValid(text))
        {
            return false;
        }
        bytes = Base64Url.DecodeFromChars(text);
        return true;
    }
}
