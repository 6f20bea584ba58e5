using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rfc7748 = Org.BouncyCastle.Math.EC.Rfc7748;

namespace HemSim.Backend.Checkin;

/// <summary>
/// The backend half of check-in (spec §8, SIM encoding of §8.4 (b)): verifies a device's <c>check</c> with
/// X25519(backend private, <c>iss</c>) and answers a <c>checked</c> token with <c>iat</c> = now,
/// <c>iss</c> = the backend public key, <c>aud</c> = the check's <c>jti</c> (the device's nonce),
/// <c>jti</c> = a fresh backend nonce and <c>status</c> = b64(HMAC-SHA256(shared, action letter)).
/// </summary>
/// <remarks>
/// Statuses: 200 <c>{"checked":…}</c>; 400 when the body is not a JSON object with a <c>check</c> string holding a
/// JWS with string <c>jti</c>, <c>iss</c> and <c>aud</c>; 401 when the check is addressed to another backend key
/// (<c>aud</c>) or its MAC does not verify.
/// </remarks>
internal sealed class CheckinExchange
{
    private readonly byte[] _privateKey;
    private readonly Func<long> _now;

    /// <param name="privateKey">The backend's X25519 private key (kept, never printed).</param>
    /// <param name="action">Action letter every answer orders: OK, L, W, R, B or U.</param>
    /// <param name="now">Unix time for <c>iat</c>.</param>
    public CheckinExchange(byte[] privateKey, string action, Func<long> now)
    {
        _privateKey = privateKey;
        _now = now;
        Action = action;
        PublicKey = new byte[Rfc7748.X25519.PointSize];
        Rfc7748.X25519.GeneratePublicKey(privateKey, 0, PublicKey, 0);
    }

    public byte[] PublicKey { get; }

    public string Action { get; }

    /// <summary>Answers one <c>POST /checkin</c> body.</summary>
    public (int Status, byte[] Body) Answer(byte[] requestBody)
    {
        if (!TryReadCheck(requestBody, out string check)
            || !Jws.TryParse(check, out _, out byte[] payloadBytes, out byte[] signature, out string signingInput)
            || !TryReadClaims(payloadBytes, out string jti, out byte[] issuer, out byte[] audience))
        {
            return (400, []);
        }
        if (!CryptographicOperations.FixedTimeEquals(audience, PublicKey))
        {
            return (401, []); // a check signed for another backend
        }
        byte[] shared = new byte[Rfc7748.X25519.PointSize];
        try
        {
            if (issuer.Length != Rfc7748.X25519.PointSize
                || !Rfc7748.X25519.CalculateAgreement(_privateKey, 0, issuer, 0, shared, 0)
                || !Jws.Verifies(signingInput, signature, shared))
            {
                return (401, []);
            }
            string answer = Jws.Sign(Jws.Header, Claims(jti, shared), shared);
            return (200, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["checked"] = answer }));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    private byte[] Claims(string deviceNonce, byte[] shared)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jti", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            writer.WriteNumber("iat", _now());
            writer.WriteString("iss", Convert.ToBase64String(PublicKey));
            writer.WriteString("aud", deviceNonce);
            writer.WriteString("status", Convert.ToBase64String(HMACSHA256.HashData(shared, Encoding.ASCII.GetBytes(Action))));
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static bool TryReadCheck(byte[] body, out string check)
    {
        check = "";
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("check", out JsonElement value)
                || value.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            check = value.GetString()!;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryReadClaims(byte[] payload, out string jti, out byte[] issuer, out byte[] audience)
    {
        jti = "";
        issuer = audience = [];
        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !TryString(root, "jti", out jti)
                || !TryString(root, "iss", out string iss) || !Jws.TryDecode(iss, out issuer)
                || !TryString(root, "aud", out string aud) || !Jws.TryDecode(aud, out audience))
            {
                return false;
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryString(JsonElement root, string name, out string value)
    {
        value = "";
        if (!root.TryGetProperty(name, out JsonElement element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        value = element.GetString()!;
        return true;
    }
}
