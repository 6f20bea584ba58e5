using System.CommandLine;
using HemSim.Cli.Http;
using HemSim.Cli.Keys;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim ext list</c>: the paired apps, i.e. the EXTAID records (spec §9.1 step 6: descr = <c>"EXTAID"</c> ‖
/// pid), found as the dashboard finds them: <c>POST /api/keymgmt/search {"descr":"^RVhUQUlE"}</c> (spec §12.4),
/// page by page. Prints each record's kid, label and pid (b64).
/// </summary>
internal static class ExtListCommand
{
    /// <summary>b64("EXTAID"), the description prefix of a paired app's record.</summary>
    public const string Needle = "^RVhUQUlE";

    private static readonly byte[] s_prefix = "EXTAID"u8.ToArray();

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var auth = new BearerTokenOptions(ExtCommand.PairScope);
        var command = new Command("list", "List the paired authenticator apps (kid, label, pairing id)");
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
            var apps = new List<KeyEntry>();
            while (true)
            {
                byte[] body = CompactJson.Write(writer =>
                {
                    writer.WriteString("descr", Needle);
                    writer.WriteNumber("offset", apps.Count);
                });
                HemResponse reply;
                try
                {
                    reply = await client.PostJsonAsync(KeysSearchCommand.Path, body, bearer, cancellationToken).ConfigureAwait(false);
                }
                catch (HemStatusException ex) when (ex.Status == 404)
                {
                    break; // spec §12.4: no record matches at all
                }
                KeyListPage page = KeyListPage.Parse(reply);
                apps.AddRange(page.Keys);
                // Matches are fewer than the keys in the store (spec §12.2: total counts the whole store).
                if (page.Listed == 0 || apps.Count >= page.Total)
                {
                    break;
                }
            }

            var rows = apps.Where(app => app.Descr.AsSpan().StartsWith(s_prefix))
                .Select(app => (app.Kid, app.Label, Pid: Base64Text.Encode(app.Descr.AsSpan(s_prefix.Length)))).ToList();
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(System.Text.Encoding.UTF8.GetString(CompactJson.Write(writer =>
                {
                    writer.WriteStartArray("apps");
                    foreach (var (kid, label, pid) in rows)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("kid", kid);
                        writer.WriteString("label", label);
                        writer.WriteString("pid", pid);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                })));
                return ExitCodes.Success;
            }
            if (rows.Count == 0)
            {
                host.Out.WriteLine("no app is paired");
                return ExitCodes.Success;
            }
            int labelWidth = Math.Max("LABEL".Length, rows.Max(row => row.Label.Length));
            host.Out.WriteLine($"{"KID",-32}  {"LABEL".PadRight(labelWidth)}  PID");
            foreach (var (kid, label, pid) in rows)
            {
                host.Out.WriteLine($"{kid,-32}  {label.PadRight(labelWidth)}  {pid}");
            }
            return ExitCodes.Success;
        }, KeyMgmtHints.For(ExtCommand.PairScope, status => status == 410 ? "the key repository is not ready yet; try again" : null)));
        return command;
    }
}
