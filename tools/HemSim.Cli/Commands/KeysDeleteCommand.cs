using System.CommandLine;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim keys delete KID</c>: <c>DELETE /api/keymgmt/delete/{kid}</c> (spec §12.6).</summary>
internal static class KeysDeleteCommand
{
    public const string Scope = "keymgmt:del";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var kid = new Argument<string>("KID") { Description = "Key id: 32 hex characters" };
        var auth = new BearerTokenOptions(Scope);

        var command = new Command("delete", "Delete a key from the key store (its slot is wiped)") { kid };
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) =>
        {
            bool plainHttp = false;
            return CommandRunner.RunAsync(host, async () =>
            {
                string id = KeyArguments.Kid(parse.GetValue(kid) ?? "");

                using HemClient client = global.CreateClient(parse, host);
                plainHttp = client.IsPlainHttp;
                string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
                HemResponse reply = await client.DeleteAsync("/api/keymgmt/delete/" + id, bearer, cancellationToken).ConfigureAwait(false);
                if (!global.JsonOutput(parse))
                {
                    host.Out.WriteLine($"deleted {id}");
                }
                else if (reply.Body.Length > 0)
                {
                    host.Out.WriteLine(reply.Text);
                }

                return ExitCodes.Success;
            }, KeyMgmtHints.For(Scope, status => status switch
            {
                // QUIRK (spec §3.4): over plain HTTP, delete answers 409 where every other key endpoint answers 418.
                409 when plainHttp => "delete needs HTTPS: over plain HTTP the device answers 409 (spec §3.4); use an https:// URL",
                406 => "no key with this kid, or the device could not delete it",
                _ => null,
            }));
        });
        return command;
    }
}
