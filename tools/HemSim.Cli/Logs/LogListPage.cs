using System.Text.Json;
using HemSim.Cli.Http;

namespace HemSim.Cli.Logs;

/// <summary>One answer of <c>GET /api/logger/list[/{offset}]</c> (spec §15.2): all files counted, one page of ids.</summary>
internal sealed record LogListPage(long Total, IReadOnlyList<string> Ids)
{
    /// <summary>The device lists at most this many ids per call (spec §15.2).</summary>
    public const int MaxPage = 128;

    public static LogListPage Parse(HemResponse reply)
    {
        long total = reply.RequiredInt64("total");
        if (!reply.Json.TryGetProperty("id", out JsonElement ids) || ids.ValueKind != JsonValueKind.Array)
        {
            throw new HemProtocolException("/api/logger/list: the answer has no array \"id\"");
        }

        var list = new List<string>();
        foreach (JsonElement id in ids.EnumerateArray())
        {
            list.Add(id.ValueKind == JsonValueKind.String
                ? id.GetString()!
                : throw new HemProtocolException("/api/logger/list: an id is not a string"));
        }

        return new LogListPage(total, list);
    }
}
