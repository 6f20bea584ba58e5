using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace HemSim.TestKit;

/// <summary>
/// Builds eJWT proofs the way the clients do (spec §6.1 steps 5–7), with every knob a tampering test
/// needs: header member order, slash escaping, extra or missing claims, a wrong signing key.
/// </summary>
internal sealed class ProofBuilder
{
    public const string JsHeader = "{\"ecdh\":\"x25519\",\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    public const string PhpHeader = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"ecdh\":\"x25519\"}";

    public string Header { get; set; } = JsHeader;

    /// <summary>Claims in the order all clients send them: jti, aud, exp, iat, iss, scope.</summary>
    public JsonObject Payload { get; } = new();

    /// <summary>Escape every '/' as '\/', as PHP's json_encode does.</summary>
    public bool EscapeSlashes { get; set; }

    public static ProofBuilder ForChallenge(string jti, string spk, long exp, long iat, ClientKey issuer, string? scope)
    {
        var builder = new ProofBuilder();
        builder.Payload["jti"] = jti;
        builder.Payload["aud"] = spk;
        builder.Payload["exp"] = exp;
        builder.Payload["iat"] = iat;
        builder.Payload["iss"] = issuer.PublicText;
        if (scope is not null)
        {
            builder.Payload["scope"] = scope;
        }
        return builder;
    }

    /// <summary>Signs with HMAC-SHA256 keyed with <paramref name="hmacKey"/> (normally X25519(client, spk)).</summary>
    public string Sign(byte[] hmacKey)
    {
        var payload = Payload.ToJsonString();
        if (EscapeSlashes)
        {
            payload = payload.Replace("/", "\\/", StringComparison.Ordinal);
        }
        var signingInput = B64Url(Encoding.UTF8.GetBytes(Header)) + "." + B64Url(Encoding.UTF8.GetBytes(payload));
        return signingInput + "." + B64Url(HMACSHA256.HashData(hmacKey, Encoding.ASCII.GetBytes(signingInput)));
    }

    public static string B64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
