using System.CommandLine;
using System.Text.Json;
using HemSim.Cli.Http;
using HemSim.Cli.Keys;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim keys get KID</c>: <c>GET /api/keymgmt/get/{kid}</c> (spec §12.5): algorithm, public key, description.</summary>
internal static class KeysGetCommand
{
    public const string Scope = "keymgmt:get";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var kid = new Argument<string>("KID") { Description = "Key id: 32 hex characters" };
        var auth = new BearerTokenOptions(Scope);
        auth.Token.Description += " (keymgmt:use:<KID> works too)";

        var command = new Command("get", "Show a key's algorithm, public key (asymmetric keys), description and last change") { kid };
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            string id = KeyArguments.Kid(parse.GetValue(kid) ?? "");

            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
            HemResponse reply = await client.GetAsync("/api/keymgmt/get/" + id, bearer, cancellationToken).ConfigureAwait(false);
            string type = reply.RequiredString("type");
            long updated = reply.RequiredInt64("updated");
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(reply.Text);
                return ExitCodes.Success;
            }

            host.Out.WriteLine($"kid:     {id}");
            host.Out.WriteLine($"type:    {type}");
            WriteIfPresent(reply.Json, "pubkey", "pubkey:  ", host.Out);
            WriteIfPresent(reply.Json, "der", "der:     ", host.Out);
            host.Out.WriteLine($"updated: {DateTimeOffset.FromUnixTimeSeconds(updated):yyyy-MM-dd'T'HH:mm:ss'Z'} ({updated})");
            if (reply.Json.TryGetProperty("descr", out JsonElement descr) && descr.ValueKind == JsonValueKind.String
                && Base64Text.TryDecodeAny(descr.GetString()!, out byte[]? bytes))
            {
                host.Out.WriteLine($"descr:   {KeyTable.Describe(bytes)}");
            }

            return ExitCodes.Success;
        }, KeyMgmtHints.For(Scope, status => status switch
        {
            403 => $"the token allows neither {Scope}, keymgmt:gen nor keymgmt:use:<this kid>, or it is an admin token",
            406 => "no key with this kid",
            _ => null,
        })));
        return command;
    }

    private static void WriteIfPresent(JsonElement json, string name, string label, TextWriter output)
    {
        if (json.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String)
        {
            output.WriteLine(label + value.GetString());
        }
    }
}
