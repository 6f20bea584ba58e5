using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HemSim.Authenticator.Scheme;

/// <summary>
/// Compact JWS signed with HMAC-SHA256 (§1). Claims are written in the order the caller inserted them, because
/// the scheme fixes the claim order of every message.
/// </summary>
public static class ExtJws
{
    /// <param name="headerJson">The header text; only tests pass anything but <see cref="ExtScheme.HeaderJson"/>.</param>
    public static string Sign(ReadOnlySpan<byte> key, JsonObject claims, string headerJson = ExtScheme.HeaderJson)
    {
        string signingInput = JwsBase64.Encode(Encoding.UTF8.GetBytes(headerJson)) + "."
            + JwsBase64.Encode(Encoding.UTF8.GetBytes(claims.ToJsonString(SchemeJson.Options)));
        byte[] signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + JwsBase64.Encode(signature);
    }

    /// <summary>
    /// Splits and decodes a JWS; false when it is not three base64url parts with JSON-object header and claims, or a
    /// JSON object in it names a member twice (<see cref="SchemeJson.Strict"/>).
    /// </summary>
    public static bool TryParse(string jws, out ExtJwsParts parts)
    {
        parts = null!;
        string[] segments = jws.Split('.');
        if (segments.Length != 3
            || !JwsBase64.TryDecode(segments[0], out byte[] header)
            || !JwsBase64.TryDecode(segments[1], out byte[] claims)
            || !JwsBase64.TryDecode(segments[2], out byte[] signature)
            || ParseObject(header) is not { } headerObject
            || ParseObject(claims) is not { } claimsObject)
        {
            return false;
        }
        parts = new ExtJwsParts(headerObject, claimsObject, segments[0] + "." + segments[1], signature);
        return true;
    }

    /// <summary>Checks the HMAC only (constant time); the header and claims are the caller's business.</summary>
    public static bool Verify(ReadOnlySpan<byte> key, string jws)
    {
        if (!TryParse(jws, out ExtJwsParts parts))
        {
            return false;
        }
        byte[] expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts.SigningInput));
        return CryptographicOperations.FixedTimeEquals(expected, parts.Signature);
    }

    private static JsonObject? ParseObject(byte[] json)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: SchemeJson.Strict) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
