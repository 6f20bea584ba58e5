using System.Text.Json;
using System.Text.Json.Nodes;

namespace HemSim.Authenticator.Scheme;

/// <summary>
/// An <c>authreq</c> as the app reads it (§4 step 2). The app cannot check its signature (that needs
/// <c>Kreq</c>, which only the device and the broker hold); its own blob's MAC is what it trusts.
/// </summary>
/// <param name="Scopes">The scope object: b64 <c>appid</c> → b64 blob.</param>
public sealed record AuthRequest(
    string Iss, string Aud, long Iat, long Exp, string Jti, IReadOnlyDictionary<string, string> Scopes, string? Ctx, string? Note)
{
    /// <summary>False when it is not a JWS with the scheme's header and claims of the right types.</summary>
    public static bool TryParse(string authreq, out AuthRequest request)
    {
        request = null!;
        if (!ExtJws.TryParse(authreq, out ExtJwsParts parts) || !parts.HasSchemeHeader)
        {
            return false;
        }
        JsonObject claims = parts.Claims;
        if (Text(claims, "iss") is not { } iss || Text(claims, "aud") is not { } aud || Text(claims, "jti") is not { } jti
            || Number(claims, "iat") is not { } iat || Number(claims, "exp") is not { } exp
            || claims["scope"] is not JsonObject scopeObject
            || !TryOptionalText(claims, "ctx", out string? ctx) || !TryOptionalText(claims, "note", out string? note))
        {
            return false;
        }
        var scopes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string appId, JsonNode? blob) in scopeObject)
        {
            if (blob is not JsonValue value || !value.TryGetValue(out string? text))
            {
                return false;
            }
            scopes[appId] = text;
        }
        request = new AuthRequest(iss, aud, iat, exp, jti, scopes, ctx, note);
        return true;
    }

    private static string? Text(JsonObject claims, string name) =>
        claims[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static long? Number(JsonObject claims, string name) =>
        claims[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out long number) ? number : null;

    private static bool TryOptionalText(JsonObject claims, string name, out string? text)
    {
        text = null;
        if (!claims.ContainsKey(name))
        {
            return true;
        }
        text = Text(claims, name);
        return text is not null;
    }
}
