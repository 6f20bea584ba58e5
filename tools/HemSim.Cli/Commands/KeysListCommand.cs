using System.CommandLine;
using System.Globalization;
using System.Text;
using HemSim.Cli.Http;
using HemSim.Cli.Keys;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim keys list</c>: <c>GET /api/keymgmt/list[/{offset}[/{count}]]</c> (spec §12.2–§12.3); with <c>--all</c>
/// it pages as the vendor clients do, <c>offset += listed</c> until <c>offset ≥ total</c> or a page is empty.
/// </summary>
internal static class KeysListCommand
{
    public const string Scope = "keymgmt:list";

    /// <summary>The device clamps larger pages to 15 (spec §12.3).</summary>
    public const int MaxPage = 15;

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var offset = new Option<long?>("--offset") { Description = "Number of keys to skip (default 0)", HelpName = "N" };
        var count = new Option<long?>("--count") { Description = $"Page size (the device gives at most {MaxPage})", HelpName = "N" };
        var all = new Option<bool>("--all") { Description = "Fetch every page from --offset on" };
        var auth = new BearerTokenOptions(Scope);

        var command = new Command("list", "List the keys in the key store, one page or (--all) every page") { offset, count, all };
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            long? first = parse.GetValue(offset);
            long? size = parse.GetValue(count);
            if (first < 0)
            {
                throw new CliUsageException("--offset must be 0 or more");
            }

            if (size < 1)
            {
                throw new CliUsageException("--count must be 1 or more");
            }

            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);

            if (!parse.GetValue(all))
            {
                HemResponse reply = await client.GetAsync(PagePath(first, size), bearer, cancellationToken).ConfigureAwait(false);
                KeyListPage page = KeyListPage.Parse(reply);
                if (global.JsonOutput(parse))
                {
                    host.Out.WriteLine(reply.Text);
                    return ExitCodes.Success;
                }

                KeyTable.Write(host.Out, page.Keys);
                host.Out.WriteLine($"listed {page.Listed} of {page.Total} (offset {page.Offset}, {page.Deleted} deleted)");
                return ExitCodes.Success;
            }

            var keys = new List<KeyEntry>();
            long next = first ?? 0;
            KeyListPage last;
            do
            {
                HemResponse reply = await client.GetAsync(PagePath(next, size), bearer, cancellationToken).ConfigureAwait(false);
                last = KeyListPage.Parse(reply);
                keys.AddRange(last.Keys);
                next = checked(next + last.Listed);
            }
            while (next < last.Total && last.Listed > 0);

            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(Envelope(first ?? 0, last, keys));
                return ExitCodes.Success;
            }

            KeyTable.Write(host.Out, keys);
            host.Out.WriteLine($"listed {keys.Count} of {last.Total} ({last.Deleted} deleted)");
            return ExitCodes.Success;
        }, KeyMgmtHints.For(Scope, status => status == 406 ? "the offset or count was refused, or the key repository is not ready" : null)));
        return command;
    }

    /// <summary>The shortest path form that carries the request: <c>/list</c>, <c>/list/{offset}</c> or <c>/list/{offset}/{count}</c>.</summary>
    internal static string PagePath(long? offset, long? count) => (offset, count) switch
    {
        (null, null) => "/api/keymgmt/list",
        (_, null) => $"/api/keymgmt/list/{offset.Value.ToString(CultureInfo.InvariantCulture)}",
        _ => $"/api/keymgmt/list/{(offset ?? 0).ToString(CultureInfo.InvariantCulture)}/{count.Value.ToString(CultureInfo.InvariantCulture)}",
    };

    /// <summary>Every page's keys in one list envelope (spec §12.2 shape), <c>total</c>/<c>deleted</c> from the last page.</summary>
    private static string Envelope(long offset, KeyListPage last, List<KeyEntry> keys) => Encoding.UTF8.GetString(CompactJson.Write(writer =>
    {
        writer.WriteNumber("offset", offset);
        writer.WriteNumber("deleted", last.Deleted);
        writer.WriteNumber("total", last.Total);
        writer.WriteNumber("listed", keys.Count);
        writer.WriteStartArray("list");
        foreach (KeyEntry key in keys)
        {
            key.Json.WriteTo(writer);
        }

        writer.WriteEndArray();
    }));
}
