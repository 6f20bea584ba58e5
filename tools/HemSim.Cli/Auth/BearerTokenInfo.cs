using System.Text.Json;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.Auth;

/// <summary>
/// The readable claims of a device bearer token (spec §5.1). Clients decode the payload without verifying it:
/// only the device holds the boot secret.
/// </summary>
internal sealed record BearerTokenInfo(string Scope, string Sub, long Iat, long Exp)
{
    public static BearerTokenInfo Decode(string token)
    {
        string[] segments = token.Split('.');
        if (segments.Length != 3 || !Base64Text.TryDecodeAny(segments[1], out byte[]? payload))
        {
            throw new HemProtocolException("the device returned a token that is not a JWT");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            JsonElement root = document.RootElement;
            return new BearerTokenInfo(
                root.GetProperty("scope").GetString() ?? "",
                root.GetProperty("sub").GetString() ?? "",
                root.GetProperty("iat").GetInt64(),
                root.GetProperty("exp").GetInt64());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new HemProtocolException("the device returned a token whose claims cannot be read");
        }
    }

    /// <summary><c>U</c> local user, <c>M</c> master (admin), anything else an external app's kid (spec §5.3).</summary>
    public string Role => Sub switch
    {
        "U" => "local user",
        "M" => "master (admin)",
        _ => "external app",
    };
}
