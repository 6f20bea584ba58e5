using System.Text;
using System.Text.Json;

namespace HemSim.Cli.Http;

/// <summary>A successful answer from the device: its status and body bytes.</summary>
internal sealed class HemResponse(int status, byte[] body, string path)
{
    private JsonElement? _json;

    public int Status { get; } = status;

    public byte[] Body { get; } = body;

    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The body as a JSON object (spec §3.4: every 2xx body here is a JSON object).</summary>
    public JsonElement Json
    {
        get
        {
            if (_json is { } cached)
            {
                return cached;
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(Body);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new HemProtocolException($"{path}: the answer is not a JSON object");
                }

                _json = document.RootElement.Clone();
                return _json.Value;
            }
            catch (JsonException)
            {
                throw new HemProtocolException($"{path}: the answer is not valid JSON");
            }
        }
    }

    public string RequiredString(string name) =>
        Json.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new HemProtocolException($"{path}: the answer has no string \"{name}\"");

    public long RequiredInt64(string name) =>
        Json.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number)
            ? number
            : throw new HemProtocolException($"{path}: the answer has no integer \"{name}\"");
}
