using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace HemSim.Cli.Tests.Fakes;

/// <summary>
/// The device side of the eJWT login and provisioning (spec §6.2, §7.3), written independently of the client:
/// the fake device holds the vectors' session key, hands out their challenge and checks proofs the way firmware does.
/// </summary>
internal static class FakeDeviceAuth
{
    public static LoginVectorFile Vectors => SharedVectors.Login;

    /// <summary>The answer of <c>GET /api/auth/token</c> with the vectors' nonce, session key and identity.</summary>
    public static FakeReply LoginChallenge(long exp = CliInvocation.VectorNow + 60) => FakeReply.Json(
        $$"""{"exp":{{exp}},"spk":"{{Vectors.Spk}}","jti":"{{Vectors.User.Claims.Jti}}","lbl":"HemSim user","eid":"{{Vectors.Eid}}"}""");

    /// <summary>The answer of <c>GET /api/auth/init</c>.</summary>
    public static FakeReply InitChallenge(long exp = CliInvocation.VectorNow + 60) => FakeReply.Json(
        $$"""{"exp":{{exp}},"spk":"{{Vectors.Spk}}","jti":"{{Vectors.User.Claims.Jti}}","genuine":"Z2VudWluZQ==","eid":"{{Vectors.Eid}}"}""");

    /// <summary>
    /// Verifies <paramref name="jwt"/> with <c>HMAC-SHA256(X25519(session_private, iss), header "." payload)</c> over
    /// the segments as received, and returns its payload; <c>null</c> when the signature does not verify.
    /// </summary>
    public static JsonElement? VerifiedPayload(string jwt)
    {
        string[] segments = jwt.Split('.');
        if (segments.Length != 3)
        {
            return null;
        }

        JsonElement payload = JsonDocument.Parse(Base64UrlDecode(segments[1])).RootElement.Clone();
        byte[] iss = Convert.FromBase64String(payload.GetProperty("iss").GetString()!);
        byte[] shared = new byte[X25519.PointSize];
        if (iss.Length != X25519.PointSize
            || !X25519.CalculateAgreement(Convert.FromHexString(Vectors.DeviceSessionPrivateHex), 0, iss, 0, shared, 0))
        {
            return null;
        }

        byte[] expected = HMACSHA256.HashData(shared, Encoding.ASCII.GetBytes(segments[0] + "." + segments[1]));
        return CryptographicOperations.FixedTimeEquals(expected, Base64UrlDecode(segments[2])) ? payload : null;
    }

    /// <summary>A bearer token shaped like the device's (spec §5.1); its signature is not meant to verify.</summary>
    public static string BearerToken(string scope, string sub, long iat, long exp)
    {
        string header = Base64UrlEncode("""{"typ":"JWT","alg":"HS256"}""");
        string payload = Base64UrlEncode(
            $$"""{"scope":"{{scope}}","sub":"{{sub}}","iat":{{iat}},"exp":{{exp}},"jti":"1YU4YpnVy5rXauwxT2IXRX91hTCxaUEtGdOBK25zA40="}""");
        return $"{header}.{payload}.c2lnbmF0dXJlLW9mLXRoZS1mYWtlLWRldmljZS10b2tlbg";
    }

    /// <summary>
    /// A <c>POST /api/auth/token</c> handler: 200 with a token for the proof's scope and role when the proof
    /// verifies and <c>iss</c> is one of the vectors' keys, 401 otherwise (spec §6.2).
    /// </summary>
    public static FakeReply Login(RecordedRequest request)
    {
        string auth = JsonDocument.Parse(request.Body).RootElement.GetProperty("auth").GetString()!;
        if (VerifiedPayload(auth) is not { } payload)
        {
            return FakeReply.Status(401);
        }

        string iss = payload.GetProperty("iss").GetString()!;
        string? sub = iss == Vectors.User.ClientPublicKeyB64 ? "U" : iss == Vectors.Master.ClientPublicKeyB64 ? "M" : null;
        if (sub is null)
        {
            return FakeReply.Status(401);
        }

        string token = BearerToken(
            payload.GetProperty("scope").GetString()!, sub, payload.GetProperty("iat").GetInt64(), payload.GetProperty("exp").GetInt64());
        return FakeReply.Json($$"""{"token":"{{token}}"}""");
    }

    public static byte[] Base64UrlDecode(string segment) =>
        Convert.FromBase64String(segment.Replace('-', '+').Replace('_', '/').PadRight((segment.Length + 3) / 4 * 4, '='));

    public static string DecodeSegment(string segment) => Encoding.UTF8.GetString(Base64UrlDecode(segment));

    private static string Base64UrlEncode(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
