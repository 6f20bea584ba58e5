using System.Text;
using System.Text.Json;
using HemSim.Firmware.Json;

namespace HemSim.Firmware.Auth;

/// <summary>Claims of a bearer token issued by this device (spec §5.1).</summary>
internal sealed record TokenClaims(string Scope, string Subject, long IssuedAt, long Expires, string Jti, string? Ctx)
{
    public Role Role => Subject switch
    {
        "U" => Role.User,
        "M" => Role.Master,
        _ => Role.External,
    };
}

/// <summary>
/// HS256 bearer tokens keyed with the per-boot token secret (spec §5.1–§5.2). Header bytes are exactly
/// <c>{"typ":"JWT","alg":"HS256"}</c>; claims in the order scope, sub, iat, exp, jti[, ctx].
/// </summary>
internal static class BearerToken
{
    private static readonly byte[] s_header = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}"u8.ToArray();

    /// <summary>Default lifetime when a login proof carries no (or a zero) <c>exp</c> (spec §5.5).</summary>
    public const long DefaultLifetimeSeconds = 28800;

    public static string Mint(TokenClaims claims, ReadOnlySpan<byte> tokenKey)
    {
        var payload = JsonOut.Object(w =>
        {
            w.WriteString("scope", claims.Scope);
            w.WriteString("sub", claims.Subject);
            w.WriteNumber("iat", claims.IssuedAt);
            w.WriteNumber("exp", claims.Expires);
            w.WriteString("jti", claims.Jti);
            // §22 #27: copy ctx into the token when the proof carried one.
            if (claims.Ctx is not null)
            {
                w.WriteString("ctx", claims.Ctx);
            }
        });
        return Jwt.SignHs256(s_header, payload, tokenKey);
    }

    /// <summary>
    /// Validates an <c>Authorization</c> header value (spec §5.2): <c>Bearer &lt;jwt&gt;</c>, three segments,
    /// HMAC over the received segments with this boot's key, <c>exp</c> after <paramref name="now"/>.
    /// </summary>
    public static bool TryValidate(string authorization, ReadOnlySpan<byte> tokenKey, long now, out TokenClaims? claims)
    {
        claims = null;
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.Ordinal))
        {
            return false;
        }
        if (!Jwt.TryParse(authorization[scheme.Length..].Trim(), out var jwt) || !jwt!.HasValidHs256Signature(tokenKey))
        {
            return false;
        }
        if (!JsonBody.TryParse(jwt.Payload, out var body))
        {
            return false;
        }
        using (body)
        {
            if (!body!.TryGetString("scope", out var scope)
                || !body.TryGetString("sub", out var sub)
                || !body.TryGetInt64("iat", out var iat)
                || !body.TryGetInt64("exp", out var exp)
                || !body.TryGetString("jti", out var jti))
            {
                return false;
            }
            if (exp <= now)
            {
                return false;
            }
            claims = new TokenClaims(scope, sub, iat, exp, jti, body.TryGetString("ctx", out var ctx) ? ctx : null);
            return true;
        }
    }
}
