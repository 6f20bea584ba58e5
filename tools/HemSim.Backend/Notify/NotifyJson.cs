using System.Security.Cryptography;
using System.Text.Json;

namespace HemSim.Backend.Notify;

/// <summary>Reading request bodies and writing answers for the <c>/notify/*</c> routes.</summary>
internal static class NotifyJson
{
    public static (int Status, byte[] Body) Ok(Action<Utf8JsonWriter> members) => (200, Write(members));

    /// <summary>200 <c>{}</c>: the answer of a route that has nothing to say (finalise, an app's answer, withdraw).</summary>
    public static (int Status, byte[] Body) Done() => (200, "{}"u8.ToArray());

    /// <summary>202, empty: the client polls again (spec §9.1 step 5, §9.2 step 4).</summary>
    public static (int Status, byte[] Body) Pending() => (202, []);

    public static (int Status, byte[] Body) NotFound() => (404, []);

    /// <summary>409: the registration or event has already been answered (docs/EXTERNAL-AUTH.md §5).</summary>
    public static (int Status, byte[] Body) AlreadyAnswered() => (409, []);

    /// <summary>401: a device message whose signature or audience does not hold up.</summary>
    public static (int Status, byte[] Body) Unauthorized(string problem) => (401, Error(problem));

    /// <summary>400 <c>{"error":"…"}</c> naming the refused part, as the registration routes do.</summary>
    public static (int Status, byte[] Body) BadRequest(string problem) => (400, Error(problem));

    /// <summary>A fresh id: b64url of 16 random bytes (docs/EXTERNAL-AUTH.md §3 step 3, §4 step 4).</summary>
    public static string NewId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// The id at the end of a prefix route (<c>/notify/event/check/ID</c>): one non-empty segment, else null (404).
    /// </summary>
    public static string? IdOf(string rest) => rest.Length > 0 && !rest.Contains('/', StringComparison.Ordinal) ? rest : null;

    /// <summary>The body as a JSON object, or null when it is not one.</summary>
    public static JsonElement? ObjectOf(byte[] body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Error(string problem) => Write(writer => writer.WriteString("error", problem));

    private static byte[] Write(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
