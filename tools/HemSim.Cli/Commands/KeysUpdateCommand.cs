using System.CommandLine;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim keys update KID --label L</c>: <c>POST /api/keymgmt/update</c> (spec §12.8). The device always wants
/// the label; the description is replaced when given, cleared with <c>--clear-descr</c> (an empty <c>descr</c>),
/// and left alone otherwise.
/// </summary>
internal static class KeysUpdateCommand
{
    public const string Scope = "keymgmt:upd";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var kid = new Argument<string>("KID") { Description = "Key id: 32 hex characters" };
        var label = new Option<string>("--label") { Description = $"New label, 1–{KeyArguments.MaxLabelLength} printable ASCII characters (required by the device)", HelpName = "LABEL", Required = true };
        var descr = new DescriptionOptions();
        var clear = new Option<bool>("--clear-descr") { Description = "Remove the description" };
        var auth = new BearerTokenOptions(Scope);

        var command = new Command("update", "Change a key's label and description") { kid, label, clear };
        descr.AddTo(command);
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            string id = KeyArguments.Kid(parse.GetValue(kid) ?? "");
            string newLabel = KeyArguments.Label(parse.GetValue(label) ?? "");
            string? description = descr.Read(parse);
            if (parse.GetValue(clear))
            {
                description = description is null ? "" : throw new CliUsageException("--clear-descr excludes --descr and --descr-b64");
            }

            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
            byte[] body = CompactJson.Write(writer =>
            {
                writer.WriteString("kid", id);
                writer.WriteString("label", newLabel);
                if (description is not null)
                {
                    writer.WriteString("descr", description);
                }
            });
            HemResponse reply = await client.PostJsonAsync("/api/keymgmt/update", body, bearer, cancellationToken).ConfigureAwait(false);
            if (!global.JsonOutput(parse))
            {
                host.Out.WriteLine($"updated {id}");
            }
            else if (reply.Body.Length > 0)
            {
                host.Out.WriteLine(reply.Text);
            }

            return ExitCodes.Success;
        }, KeyMgmtHints.For(Scope, status => status == 406 ? "no key with this kid" : null)));
        return command;
    }
}
