using System.Security.Cryptography;
using System.Text;

namespace HemSim.Backend.Checkin;

/// <summary>
/// HS256 compact JWS as the HEM uses it (spec §5.1, §8.2): b64url segments without padding, the MAC over the
/// received <c>header.payload</c> text. The backend's own small implementation: it plays the vendor's side, so it
/// shares no token code with the firmware and a format slip on either side shows up in the tests.
/// </summary>
internal static class Jws
{
    /// <summary>The header both check-in tokens carry (spec §8.2).</summary>
    public static ReadOnlySpan<byte> Header => """{"ecdh":"x25519","typ":"JWT","alg":"HS256"}"""u8;

    public static string Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> key)
    {
        string signingInput = EncodeUrl(header) + "." + EncodeUrl(payload);
        return signingInput + "." + EncodeUrl(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>Splits a compact JWS; false unless it has three segments that decode.</summary>
    public static bool TryParse(string compact, out byte[] header, out byte[] payload, out byte[] signature, out string signingInput)
    {
        header = payload = signature = [];
        signingInput = "";
        string[] parts = compact.Split('.');
        if (parts.Length != 3 || !TryDecode(parts[0], out header) || !TryDecode(parts[1], out payload) || !TryDecode(parts[2], out signature))
        {
            return false;
        }
        signingInput = parts[0] + "." + parts[1];
        return true;
    }

    /// <summary>Constant-time check of an HS256 MAC.</summary>
    public static bool Verifies(string signingInput, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> key)
    {
        byte[] expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput));
        return signature.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    public static string EncodeUrl(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>Standard or URL-safe alphabet, padding optional (spec §3.8).</summary>
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        string standard = text.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        if (standard.Length % 4 == 1)
        {
            return false;
        }
        standard += new string('=', (4 - standard.Length % 4) % 4);
        try
        {
            bytes = Convert.FromBase64String(standard);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
