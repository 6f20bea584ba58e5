using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Json;

namespace HemSim.Firmware.Auth;

/// <summary>
/// The three segments of a compact JWS, kept exactly as received: the HMAC is always computed over
/// the received <c>header.payload</c> text (spec §5.2, §6.2 step 7), never over a re-encoding.
/// </summary>
internal sealed class Jwt
{
    private Jwt(string headerSegment, string payloadSegment, byte[] header, byte[] payload, byte[] signature)
    {
        HeaderSegment = headerSegment;
        PayloadSegment = payloadSegment;
        Header = header;
        Payload = payload;
        Signature = signature;
    }

    public string HeaderSegment { get; }
    public string PayloadSegment { get; }
    public byte[] Header { get; }
    public byte[] Payload { get; }
    public byte[] Signature { get; }

    public byte[] SigningInput => Encoding.ASCII.GetBytes(HeaderSegment + "." + PayloadSegment);

    /// <summary>Splits and decodes the segments (b64url or b64, padding optional). No signature check.</summary>
    public static bool TryParse(string compact, out Jwt? jwt)
    {
        jwt = null;
        var parts = compact.Split('.');
        if (parts.Length != 3
            || !Base64Text.TryDecode(parts[0], out var header)
            || !Base64Text.TryDecode(parts[1], out var payload)
            || !Base64Text.TryDecode(parts[2], out var signature))
        {
            return false;
        }
        jwt = new Jwt(parts[0], parts[1], header, payload, signature);
        return true;
    }

    /// <summary>Constant-time check of an HS256 signature under <paramref name="key"/>.</summary>
    public bool HasValidHs256Signature(ReadOnlySpan<byte> key)
    {
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(key, SigningInput, expected);
        return Signature.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, Signature);
    }

    /// <summary>Builds <c>b64url(header).b64url(payload).b64url(HS256)</c>.</summary>
    public static string SignHs256(ReadOnlySpan<byte> headerJson, ReadOnlySpan<byte> payloadJson, ReadOnlySpan<byte> key)
    {
        var signingInput = Base64Text.EncodeUrl(headerJson) + "." + Base64Text.EncodeUrl(payloadJson);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput), mac);
        return signingInput + "." + Base64Text.EncodeUrl(mac);
    }
}
