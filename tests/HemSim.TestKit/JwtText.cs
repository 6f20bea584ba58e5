using System.Text;
using System.Text.Json.Nodes;

namespace HemSim.TestKit;

/// <summary>Reads a compact JWT the way clients do (spec §5.1: base64-decode the payload), without verifying it.</summary>
internal static class JwtText
{
    public static JsonObject Header(string jwt) => Segment(jwt, 0);

    public static JsonObject Payload(string jwt) => Segment(jwt, 1);

    /// <summary>Decodes b64url or b64, padding optional.</summary>
    public static byte[] Decode(string segment)
    {
        var standard = segment.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        standard += new string('=', (4 - standard.Length % 4) % 4);
        return Convert.FromBase64String(standard);
    }

    /// <summary>Replaces the payload segment (re-encoded as b64url) and keeps the original signature.</summary>
    public static string WithPayload(string jwt, string payloadJson)
    {
        var parts = jwt.Split('.');
        parts[1] = ProofBuilder.B64Url(Encoding.UTF8.GetBytes(payloadJson));
        return string.Join('.', parts);
    }

    private static JsonObject Segment(string jwt, int index) =>
        JsonNode.Parse(Decode(jwt.Split('.')[index]))!.AsObject();
}
