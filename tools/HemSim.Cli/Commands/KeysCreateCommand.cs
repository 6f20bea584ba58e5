using System.CommandLine;
using HemSim.Cli.Http;
using HemSim.Cli.Keys;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim keys create</c>: <c>POST /api/keymgmt/create</c> (spec §12.7), logging in first unless a token is given.</summary>
internal static class KeysCreateCommand
{
    public const string Scope = "keymgmt:gen";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var type = new Option<string>("--type") { Description = "Key type, one of: " + string.Join(", ", KeyTypes.All), HelpName = "TYPE", Required = true };
        var label = new Option<string>("--label") { Description = $"Label, 1–{KeyArguments.MaxLabelLength} printable ASCII characters", HelpName = "LABEL", Required = true };
        var mode = new Option<string?>("--mode") { Description = "Usage for SECP* keys: ECDH, ExDSA or ECDH,ExDSA (device default: ECDH)", HelpName = "MODE" };
        var descr = new DescriptionOptions();
        var auth = new BearerTokenOptions(Scope);

        var command = new Command("create", "Generate a key on the device and print its kid") { type, label, mode };
        descr.AddTo(command);
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            // Every local check runs before the first request.
            string keyType = KeyArguments.Type(parse.GetValue(type) ?? "");
            string keyLabel = KeyArguments.Label(parse.GetValue(label) ?? "");
            string? description = descr.Read(parse);
            string? keyMode = parse.GetValue(mode);

            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);

            byte[] body = CompactJson.Write(writer =>
            {
                writer.WriteString("label", keyLabel);
                writer.WriteString("type", keyType);
                if (keyMode is not null)
                {
                    writer.WriteString("mode", keyMode);
                }

                if (description is not null)
                {
                    writer.WriteString("descr", description);
                }
            });
            HemResponse reply = await client.PostJsonAsync("/api/keymgmt/create", body, bearer, cancellationToken).ConfigureAwait(false);
            string kid = reply.RequiredString("kid");
            host.Out.WriteLine(global.JsonOutput(parse) ? reply.Text : kid);
            return ExitCodes.Success;
        }, KeyMgmtHints.For(Scope)));
        return command;
    }
}
