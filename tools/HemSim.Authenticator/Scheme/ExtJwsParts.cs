using System.Text.Json.Nodes;

namespace HemSim.Authenticator.Scheme;

/// <summary>The three parts of a compact JWS, decoded; <see cref="SigningInput"/> is the text the HMAC covers.</summary>
public sealed record ExtJwsParts(JsonObject Header, JsonObject Claims, string SigningInput, byte[] Signature)
{
    /// <summary>True when the header is exactly the scheme's (§1); anything else is an unsupported scheme.</summary>
    public bool HasSchemeHeader => Header.ToJsonString(SchemeJson.Options) == ExtScheme.HeaderJson;
}
