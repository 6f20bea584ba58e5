using System.CommandLine;
using HemSim.Cli.Http;
using HemSim.Cli.Keys;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim keys derive</c>: <c>POST /api/keymgmt/derive</c> (spec §12.10): ECDH of a stored private key with a
/// stored peer key (<c>--ext-kid</c>) or a given public key (<c>--pubkey-b64</c>), then HKDF-SHA256 with
/// info <c>"encedo-" + type</c> into a new key of the target type. Prints the new kid.
/// </summary>
internal static class KeysDeriveCommand
{
    public const string Scope = "keymgmt:gen";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var kid = new Option<string>("--kid") { Description = "The stored private ECDH key (CURVE25519, CURVE448 or SECP* with ECDH)", HelpName = "KID", Required = true };
        var type = new Option<string>("--type") { Description = "Type of the new key, one of: " + string.Join(", ", KeyTypes.DeriveTargets), HelpName = "TYPE", Required = true };
        var label = new Option<string>("--label") { Description = $"Label, 1–{KeyArguments.MaxLabelLength} printable ASCII characters", HelpName = "LABEL", Required = true };
        var extKid = new Option<string?>("--ext-kid") { Description = "The peer: a stored key on the same curve", HelpName = "KID" };
        var pubkey = new Option<string?>("--pubkey-b64") { Description = "The peer: a public key on the same curve, base64 (spec §17.5)", HelpName = "B64" };
        var mode = new Option<string?>("--mode") { Description = "Usage of a SECP* target: ECDH, ExDSA or ECDH,ExDSA", HelpName = "MODE" };
        var descr = new DescriptionOptions();
        var auth = new BearerTokenOptions(Scope);

        var command = new Command("derive", "Derive a new key from ECDH with a peer key and print its kid") { kid, type, label, extKid, pubkey, mode };
        descr.AddTo(command);
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            string source = KeyArguments.Kid(parse.GetValue(kid) ?? "", "--kid");
            string target = KeyArguments.DeriveTarget(parse.GetValue(type) ?? "");
            string keyLabel = KeyArguments.Label(parse.GetValue(label) ?? "");
            (string peerField, string peer) = (parse.GetValue(extKid), parse.GetValue(pubkey)) switch
            {
                ({ } stored, null) => ("ext_kid", KeyArguments.Kid(stored, "--ext-kid")),
                (null, { } given) => ("pubkey", Base64Text.TryDecodeAny(given, out byte[]? bytes) && bytes.Length > 0
                    ? Base64Text.Encode(bytes)
                    : throw new CliUsageException("--pubkey-b64 is not valid base64")),
                (null, null) => throw new CliUsageException("give the peer with --ext-kid KID or --pubkey-b64 B64"),
                _ => throw new CliUsageException("--ext-kid and --pubkey-b64 exclude each other"),
            };
            string? description = descr.Read(parse);
            string? keyMode = parse.GetValue(mode);

            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
            byte[] body = CompactJson.Write(writer =>
            {
                writer.WriteString("kid", source);
                writer.WriteString(peerField, peer);
                writer.WriteString("label", keyLabel);
                writer.WriteString("type", target);
                if (keyMode is not null)
                {
                    writer.WriteString("mode", keyMode);
                }

                if (description is not null)
                {
                    writer.WriteString("descr", description);
                }
            });
            HemResponse reply = await client.PostJsonAsync("/api/keymgmt/derive", body, bearer, cancellationToken).ConfigureAwait(false);
            string derived = reply.RequiredString("kid");
            host.Out.WriteLine(global.JsonOutput(parse) ? reply.Text : derived);
            return ExitCodes.Success;
        }, KeyMgmtHints.For(Scope, status => status == 406
            ? "the source key is missing or cannot do ECDH, the peer is missing or on another curve, the derived scalar was out of range, the key already exists, or the key store is full"
            : null)));
        return command;
    }
}
