using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HemSim.Firmware.Json;

/// <summary>
/// Compact JSON output with members in the order the caller writes them (spec §3.4). Uses relaxed
/// escaping so base64 <c>+</c> and <c>/</c> go out literally, as the real device sends them.
/// </summary>
internal static class JsonOut
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static byte[] Object(Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
