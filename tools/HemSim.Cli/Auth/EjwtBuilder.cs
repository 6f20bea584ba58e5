using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HemSim.Cli.Text;

namespace HemSim.Cli.Auth;

/// <summary>The two header byte orders seen from real clients (spec §6.1 step 5); the device accepts both.</summary>
internal enum EjwtHeaderOrder
{
    /// <summary><c>{"ecdh":"x25519","alg":"HS256","typ":"JWT"}</c>, as the Python and JS clients and the dashboard send it.</summary>
    EcdhFirst = 0,

    /// <summary><c>{"alg":"HS256","typ":"JWT","ecdh":"x25519"}</c>, as the PHP tester sends it.</summary>
    AlgFirst = 1,
}

/// <summary>Claims of a login proof, in wire order (spec §6.1 step 6).</summary>
internal sealed record LoginClaims(string Jti, string Aud, long Exp, long Iat, string Iss, string Scope);

/// <summary>Claims of the provisioning eJWT (spec §7.1 step 5); <c>cfg</c> is written last.</summary>
internal sealed record InitClaims(string Jti, string Aud, long Exp, long Iat, string Iss, InitConfig Cfg);

/// <summary>
/// Builds the client-side eJWTs: HS256 compact JWS whose HMAC key is an X25519 shared secret (spec §6.1).
/// Callers pass every claim explicitly (nonce, times), so the output is a pure function of its inputs.
/// </summary>
internal static class EjwtBuilder
{
    private static readonly byte[] s_headerEcdhFirst = """{"ecdh":"x25519","alg":"HS256","typ":"JWT"}"""u8.ToArray();
    private static readonly byte[] s_headerAlgFirst = """{"alg":"HS256","typ":"JWT","ecdh":"x25519"}"""u8.ToArray();

    public static string CreateLoginProof(
        LoginClaims claims, ReadOnlySpan<byte> hmacKey, EjwtHeaderOrder headerOrder = EjwtHeaderOrder.EcdhFirst)
    {
        byte[] payload = CompactJson.Write(writer =>
        {
            WriteCommonClaims(writer, claims.Jti, claims.Aud, claims.Exp, claims.Iat, claims.Iss);
            writer.WriteString("scope", claims.Scope);
        });
        return Sign(Header(headerOrder), payload, hmacKey);
    }

    public static string CreateInitToken(
        InitClaims claims, ReadOnlySpan<byte> hmacKey, EjwtHeaderOrder headerOrder = EjwtHeaderOrder.EcdhFirst)
    {
        byte[] payload = CompactJson.Write(writer =>
        {
            WriteCommonClaims(writer, claims.Jti, claims.Aud, claims.Exp, claims.Iat, claims.Iss);
            writer.WritePropertyName("cfg");
            claims.Cfg.WriteTo(writer);
        });
        return Sign(Header(headerOrder), payload, hmacKey);
    }

    /// <summary>
    /// <c>b64url(header) "." b64url(payload) "." b64url(HMAC-SHA256(key, signing input))</c>, no padding
    /// (spec §6.1 step 7).
    /// </summary>
    public static string Sign(ReadOnlySpan<byte> headerJson, ReadOnlySpan<byte> payloadJson, ReadOnlySpan<byte> hmacKey)
    {
        string signingInput = Base64Text.EncodeUrl(headerJson) + "." + Base64Text.EncodeUrl(payloadJson);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(hmacKey, Encoding.ASCII.GetBytes(signingInput), mac);
        return signingInput + "." + Base64Text.EncodeUrl(mac);
    }

    private static byte[] Header(EjwtHeaderOrder order) => order switch
    {
        EjwtHeaderOrder.EcdhFirst => s_headerEcdhFirst,
        EjwtHeaderOrder.AlgFirst => s_headerAlgFirst,
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "unknown header order"),
    };

    private static void WriteCommonClaims(Utf8JsonWriter writer, string jti, string aud, long exp, long iat, string iss)
    {
        writer.WriteString("jti", jti);
        writer.WriteString("aud", aud);
        writer.WriteNumber("exp", exp);
        writer.WriteNumber("iat", iat);
        writer.WriteString("iss", iss);
    }
}
