using System.Text.Json;

namespace HemSim.Firmware.Json;

/// <summary>
/// A parsed JSON request body (spec §3.7): must be an object; unknown members are ignored and a
/// JSON <c>null</c> in an optional member counts as absent. Accepts every standard escape, <c>\/</c>
/// included, because PHP clients escape every slash.
/// </summary>
internal sealed class JsonBody : IDisposable
{
    private readonly JsonDocument _document;

    private JsonBody(JsonDocument document) => _document = document;

    public JsonElement Root => _document.RootElement;

    public static bool TryParse(ReadOnlySpan<byte> utf8, out JsonBody? body)
    {
        body = null;
        // Spec §3.7: bytes that are not UTF-8 are not JSON. Checked up front because the reader only
        // notices bad UTF-8 inside a string when the string is read.
        if (!global::System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return false;
        }
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 16 });
        JsonDocument? document;
        try
        {
            // Bytes a client sent are data, not exceptions: invalid JSON is a plain "no".
            if (!JsonDocument.TryParseValue(ref reader, out document))
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }
        // Trailing bytes after the object (other than white space) make the body malformed.
        if (reader.BytesConsumed < utf8.Length && !IsWhiteSpace(utf8[(int)reader.BytesConsumed..]))
        {
            document.Dispose();
            return false;
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object || !AllTextDecodes(document.RootElement))
        {
            document.Dispose();
            return false;
        }
        body = new JsonBody(document);
        return true;
    }

    /// <summary>True when the member exists and is not <c>null</c>.</summary>
    public bool Has(string name) =>
        Root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>Reads a string member; false when absent, null or not a string.</summary>
    public bool TryGetString(string name, out string value)
    {
        value = "";
        if (!Root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        value = element.GetString()!;
        return true;
    }

    /// <summary>Reads a boolean member; false when absent or not a JSON boolean.</summary>
    public bool TryGetBool(string name, out bool value)
    {
        value = false;
        if (!Root.TryGetProperty(name, out var element))
        {
            return false;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.True: value = true; return true;
            case JsonValueKind.False: value = false; return true;
            default: return false;
        }
    }

    /// <summary>Reads an integer member; false when absent or not an integral number.</summary>
    public bool TryGetInt64(string name, out long value)
    {
        value = 0;
        return Root.TryGetProperty(name, out var element)
            && element.ValueKind == JsonValueKind.Number
            && element.TryGetInt64(out value);
    }

    /// <summary>Reads an object member.</summary>
    public bool TryGetObject(string name, out JsonElement value)
    {
        return Root.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.Object;
    }

    public void Dispose() => _document.Dispose();

    /// <summary>
    /// True when every property name and string value decodes to UTF-16. An escaped lone surrogate
    /// (<c>"\ud800"</c>) is valid JSON text but no string; the reader would throw on first use, so such a
    /// body is refused here once, and the <c>Try…</c> readers below never throw.
    /// </summary>
    private static bool AllTextDecodes(JsonElement element)
    {
        try
        {
            return Decodes(element);
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        static bool Decodes(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        if (!Decodes(property.Value))
                        {
                            return false;
                        }
                    }
                    return true;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (!Decodes(item))
                        {
                            return false;
                        }
                    }
                    return true;
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                default:
                    return true;
            }
        }
    }

    private static bool IsWhiteSpace(ReadOnlySpan<byte> rest)
    {
        foreach (var b in rest)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }
        return true;
    }
}
