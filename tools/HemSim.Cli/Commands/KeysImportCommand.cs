using System.CommandLine;
using HemSim.Cli.Http;
using HemSim.Cli.Keys;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim keys import</c>: <c>POST /api/keymgmt/import</c> (spec §12.9): a peer's public key, stored under
/// kid = SHA-1(public key)[0..16). Type and exact length (compressed points for SECP*) are checked locally.
/// </summary>
internal static class KeysImportCommand
{
    public const string Scope = "keymgmt:imp";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var type = new Option<string>("--type") { Description = "Public key type, one of: " + string.Join(", ", KeyTypes.ImportablePublicKeySizes.Keys), HelpName = "TYPE", Required = true };
        var label = new Option<string>("--label") { Description = $"Label, 1–{KeyArguments.MaxLabelLength} printable ASCII characters", HelpName = "LABEL", Required = true };
        var pubkey = new Option<string>("--pubkey-b64") { Description = "The public key, base64 (spec §17.5: compressed point for SECP*, raw for the rest)", HelpName = "B64", Required = true };
        var mode = new Option<string?>("--mode") { Description = "Usage for SECP* keys: ECDH, ExDSA or ECDH,ExDSA (device default: ECDH)", HelpName = "MODE" };
        var descr = new DescriptionOptions();
        var auth = new BearerTokenOptions(Scope);

        var command = new Command("import", "Store a peer's public key and print its kid") { type, label, pubkey, mode };
        descr.AddTo(command);
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            string keyType = KeyArguments.ImportType(parse.GetValue(type) ?? "");
            string keyLabel = KeyArguments.Label(parse.GetValue(label) ?? "");
            string publicKey = KeyArguments.PublicKey(parse.GetValue(pubkey) ?? "", keyType);
            string? description = descr.Read(parse);
            string? keyMode = parse.GetValue(mode);

            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
            byte[] body = CompactJson.Write(writer =>
            {
                writer.WriteString("label", keyLabel);
                writer.WriteString("type", keyType);
                writer.WriteString("pubkey", publicKey);
                if (keyMode is not null)
                {
                    writer.WriteString("mode", keyMode);
                }

                if (description is not null)
                {
                    writer.WriteString("descr", description);
                }
            });
            HemResponse reply = await client.PostJsonAsync("/api/keymgmt/import", body, bearer, cancellationToken).ConfigureAwait(false);
            string kid = reply.RequiredString("kid");
            host.Out.WriteLine(global.JsonOutput(parse) ? reply.Text : kid);
            return ExitCodes.Success;
        }, KeyMgmtHints.For(Scope, status => status == 406
            ? "the key is already stored (same key, same kid), is not a valid point of that type, or the key store is full"
            : null)));
        return command;
    }
}
