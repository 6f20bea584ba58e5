using System.Text.Json;
using HemSim.Firmware.Json;

namespace HemSim.Firmware.Auth.External;

/// <summary>
/// The compact JWS of the external-authenticator messages (spec §9; docs/EXTERNAL-AUTH.md §1): <c>request</c>,
/// <c>reply</c>, <c>authreq</c>, <c>authreply</c>. HS256 over the received segments (<see cref="Jwt"/>), with the
/// header <c>{"ecdh":"x25519","typ":"JWT","alg":"HS256"}</c> — the device emits exactly these bytes.
/// </summary>
internal static class ExtJws
{
    private static readonly byte[] s_header = "{\"ecdh\":\"x25519\",\"typ\":\"JWT\",\"alg\":\"HS256\"}"u8.ToArray();

    /// <summary><c>b64url(header).b64url(payload).b64url(HMAC(key, signing input))</c>.</summary>
    public static string Sign(ReadOnlySpan<byte> payloadJson, ReadOnlySpan<byte> key) =>
        Jwt.SignHs256(s_header, payloadJson, key);

    /// <summary>
    /// The scheme check (docs/EXTERNAL-AUTH.md §1): the header names <c>alg</c> HS256 and <c>ecdh</c> x25519, in any
    /// member order. Anything else — another alg or curve, a missing member, a header that is not JSON — is an
    /// unsupported scheme (406), not a malformed message: the message itself parsed.
    /// </summary>
    public static bool IsSupported(Jwt jwt)
    {
        if (!JsonBody.TryParse(jwt.Header, out var header))
        {
            return false;
        }
        using (header)
        {
            return header!.TryGetString("alg", out var alg) && alg == "HS256"
                && header.TryGetString("ecdh", out var ecdh) && ecdh == "x25519";
        }
    }

    /// <summary>Splits <paramref name="compact"/> and parses its payload as a JSON object; false when either fails.</summary>
    public static bool TryParse(string compact, out Jwt? jwt, out JsonBody? payload)
    {
        payload = null;
        return Jwt.TryParse(compact, out jwt) && JsonBody.TryParse(jwt!.Payload, out payload);
    }

    /// <summary>Reads a required string claim that is base64 (either alphabet) of <paramref name="min"/>–<paramref name="max"/> bytes.</summary>
    public static bool TryGetBytes(JsonBody payload, string name, int min, int max, out byte[] bytes)
    {
        bytes = [];
        return payload.TryGetString(name, out var text)
            && Base64Text.TryDecode(text, out bytes)
            && bytes.Length >= min && bytes.Length <= max;
    }

    /// <summary>Writes a nested JSON object member (the <c>scope</c> object of an <c>authreq</c>).</summary>
    public static void WriteObject(Utf8JsonWriter writer, string name, IEnumerable<KeyValuePair<string, string>> members)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in members)
        {
            writer.WriteString(key, value);
        }
        writer.WriteEndObject();
    }
}
