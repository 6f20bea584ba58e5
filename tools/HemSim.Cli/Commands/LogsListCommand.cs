using System.CommandLine;
using System.Globalization;
using System.Text;
using HemSim.Cli.Http;
using HemSim.Cli.Logs;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim logs list</c>: <c>GET /api/logger/list[/{offset}]</c> (spec §15.2), ids oldest first, the file of the
/// current boot last. With <c>--all</c> it pages on, <c>offset += listed</c>, until <c>offset ≥ total</c> or a page is
/// empty (the dashboard also drives paging by <c>total</c>).
/// </summary>
internal static class LogsListCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var offset = new Option<long?>("--offset") { Description = "Number of files to skip (default 0)", HelpName = "N" };
        var all = new Option<bool>("--all") { Description = $"Fetch every page from --offset on (the device lists {LogListPage.MaxPage} per call)" };
        var auth = new BearerTokenOptions(LogsCommand.Scope);

        var command = new Command("list", "List the audit-log files (one per boot), oldest first; needs a PPA (MSC) device") { offset, all };
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            long? first = parse.GetValue(offset);
            if (first < 0)
            {
                throw new CliUsageException("--offset must be 0 or more");
            }

            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);

            if (!parse.GetValue(all))
            {
                HemResponse reply = await client.GetAsync(PagePath(first), bearer, cancellationToken).ConfigureAwait(false);
                LogListPage page = LogListPage.Parse(reply);
                if (global.JsonOutput(parse))
                {
                    host.Out.WriteLine(reply.Text);
                    return ExitCodes.Success;
                }

                WriteIds(host.Out, page.Ids);
                host.Out.WriteLine($"listed {page.Ids.Count} of {page.Total} (offset {first ?? 0})");
                return ExitCodes.Success;
            }

            var ids = new List<string>();
            long next = first ?? 0;
            LogListPage last;
            do
            {
                last = LogListPage.Parse(await client.GetAsync(PagePath(next), bearer, cancellationToken).ConfigureAwait(false));
                ids.AddRange(last.Ids);
                next = checked(next + last.Ids.Count);
            }
            while (next < last.Total && last.Ids.Count > 0);

            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(Envelope(last.Total, ids));
                return ExitCodes.Success;
            }

            WriteIds(host.Out, ids);
            host.Out.WriteLine($"listed {ids.Count} of {last.Total}");
            return ExitCodes.Success;
        }, LogsCommand.Hints(status => status switch
        {
            404 => "no file at this offset (it is past the last file), or the device has no log storage (EPA)",
            406 => "the offset was refused",
            _ => null,
        })));
        return command;
    }

    internal static string PagePath(long? offset) =>
        offset is { } n ? "/api/logger/list/" + n.ToString(CultureInfo.InvariantCulture) : "/api/logger/list";

    private static void WriteIds(TextWriter output, IReadOnlyList<string> ids)
    {
        foreach (string id in ids)
        {
            output.WriteLine(id);
        }
    }

    /// <summary>Every page's ids in one answer of the device's shape (spec §15.2).</summary>
    private static string Envelope(long total, List<string> ids) => Encoding.UTF8.GetString(CompactJson.Write(writer =>
    {
        writer.WriteNumber("total", total);
        writer.WriteStartArray("id");
        foreach (string id in ids)
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
    }));
}
