using System.CommandLine;
using System.Text;
using HemSim.Cli.Auth;
using HemSim.Cli.Http;
using HemSim.Cli.Input;
using HemSim.Cli.Keys;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim keys create</c>: <c>POST /api/keymgmt/create</c> (spec §12.7), logging in first unless a token is given.</summary>
internal static class KeysCreateCommand
{
    public const string Scope = "keymgmt:gen";
    public const int MaxLabelLength = 32;

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var type = new Option<string>("--type") { Description = "Key type, one of: " + string.Join(", ", KeyTypes.All), HelpName = "TYPE", Required = true };
        var label = new Option<string>("--label") { Description = $"Label, 1–{MaxLabelLength} printable ASCII characters", HelpName = "LABEL", Required = true };
        var mode = new Option<string?>("--mode") { Description = "Usage for SECP* keys: ECDH, ExDSA or ECDH,ExDSA (device default: ECDH)", HelpName = "MODE" };
        var descr = new Option<string?>("--descr") { Description = "Description text (sent as base64 of its UTF-8 bytes)", HelpName = "TEXT" };
        var descrB64 = new Option<string?>("--descr-b64") { Description = "Description bytes as base64", HelpName = "B64" };
        var token = new Option<string?>("--token")
        {
            // No DefaultValueFactory: help prints defaults, and a token is a secret.
            Description = $"Bearer token with scope {Scope} (env {EnvironmentVariables.Token}); without it the command logs in",
            HelpName = "TOKEN",
        };
        var passphraseStdin = PassphraseOptions.CreateStdinOption();

        var command = new Command("create", "Generate a key on the device and print its kid")
        {
            type, label, mode, descr, descrB64, token, passphraseStdin,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            // Every local check runs before the first request.
            string keyType = ValidateType(parse.GetValue(type) ?? "");
            string keyLabel = ValidateLabel(parse.GetValue(label) ?? "");
            string? description = Description(parse.GetValue(descr), parse.GetValue(descrB64));
            string? keyMode = parse.GetValue(mode);

            using HemClient client = global.CreateClient(parse, host);
            string bearer = parse.GetValue(token) ?? host.Variable(EnvironmentVariables.Token) ?? await LogInAsync(client, parse.GetValue(passphraseStdin), cancellationToken).ConfigureAwait(false);

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
        }, Hint));
        return command;

        async Task<string> LogInAsync(HemClient client, bool fromStdin, CancellationToken cancellationToken)
        {
            using Passphrase passphrase = new PassphraseSource(host, fromStdin).Read(PassphraseRole.User, confirm: false);
            return await LocalLogin.LoginAsync(client, passphrase, Scope, LoginCommand.DefaultLifetimeSeconds, host.Clock, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static string ValidateType(string name) =>
        KeyTypes.TryNormalise(name, out string type)
            ? type
            : throw new CliUsageException($"unknown key type '{name}'; valid types: {string.Join(", ", KeyTypes.All)}");

    private static string ValidateLabel(string label) =>
        label.Length is > 0 and <= MaxLabelLength && label.All(c => c is >= ' ' and <= '~')
            ? label
            : throw new CliUsageException($"--label must be 1–{MaxLabelLength} printable ASCII characters");

    private static string? Description(string? text, string? base64)
    {
        if (text is not null && base64 is not null)
        {
            throw new CliUsageException("--descr and --descr-b64 exclude each other");
        }

        if (text is not null)
        {
            return Base64Text.Encode(Encoding.UTF8.GetBytes(text));
        }

        if (base64 is null)
        {
            return null;
        }

        return Base64Text.TryDecodeAny(base64, out byte[]? bytes)
            ? Base64Text.Encode(bytes)
            : throw new CliUsageException("--descr-b64 is not valid base64");
    }

    private static string? Hint(HemStatusException failure) => failure.Path switch
    {
        "/api/keymgmt/create" => failure.Status switch
        {
            401 => "the token is missing, invalid or expired (tokens die when the device reboots)",
            403 => $"the token does not allow {Scope}, or it is an admin token (admins cannot manage keys)",
            _ => null,
        },
        _ => LoginCommand.LoginHint(failure),
    };
}
