using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HemSim.Cli.Text;

/// <summary>
/// Compact JSON written member by member, so the byte order of every object is the order of the calls: the eJWT
/// payloads must come out byte-for-byte as the other clients build them (spec §6.1 step 6).
/// </summary>
internal static class CompactJson
{
    // The relaxed encoder leaves '+' (frequent in base64) as is; the default encoder would write "\u002B",
    // which is still valid JSON but changes the signed bytes compared with every other client.
    private static readonly JsonWriterOptions s_options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static byte[] Write(Action<Utf8JsonWriter> writeObjectMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartObject();
            writeObjectMembers(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Re-serialises <paramref name="element"/> compactly, replacing the value of the named members.</summary>
    public static string Redact(JsonElement element, params string[] secretMembers)
    {
        byte[] json = Write(writer =>
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (secretMembers.Contains(property.Name, StringComparer.Ordinal))
                {
                    writer.WriteString(property.Name, "<redacted>");
                }
                else
                {
                    property.WriteTo(writer);
                }
            }
        });
        return System.Text.Encoding.UTF8.GetString(json);
    }
}
