using System.Text.Json;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.Keys;

/// <summary>One element of a list or search answer (spec §12.1).</summary>
internal sealed record KeyEntry(string Kid, string Type, string Label, byte[] Descr, long Created, long Updated, JsonElement Json);

/// <summary>The list envelope of <c>keymgmt/list</c> and <c>keymgmt/search</c> (spec §12.2).</summary>
internal sealed record KeyListPage(long Offset, long Deleted, long Total, int Listed, IReadOnlyList<KeyEntry> Keys)
{
    public static KeyListPage Parse(HemResponse response)
    {
        JsonElement json = response.Json;
        long total = response.RequiredInt64("total");
        long listed = response.RequiredInt64("listed");
        if (!json.TryGetProperty("list", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new HemProtocolException("the list answer has no array \"list\"");
        }

        KeyEntry[] keys = [.. list.EnumerateArray().Select(Entry)];
        if (listed != keys.Length)
        {
            throw new HemProtocolException($"the list answer says listed={listed} but carries {keys.Length} keys");
        }

        return new KeyListPage(OptionalInt64(json, "offset"), OptionalInt64(json, "deleted"), total, keys.Length, keys);
    }

    private static KeyEntry Entry(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new HemProtocolException("a list element is not a JSON object");
        }

        byte[] descr = [];
        if (item.TryGetProperty("descr", out JsonElement text) && (text.ValueKind != JsonValueKind.String || !Base64Text.TryDecodeAny(text.GetString()!, out descr!)))
        {
            throw new HemProtocolException("a list element has a \"descr\" that is not base64");
        }

        return new KeyEntry(String(item, "kid"), String(item, "type"), String(item, "label"), descr,
            OptionalInt64(item, "created"), OptionalInt64(item, "updated"), item.Clone());
    }

    private static string String(JsonElement item, string name) =>
        item.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new HemProtocolException($"a list element has no string \"{name}\"");

    private static long OptionalInt64(JsonElement item, string name) =>
        item.TryGetProperty(name, out JsonElement value) && value.TryGetInt64(out long number) ? number : 0;
}
