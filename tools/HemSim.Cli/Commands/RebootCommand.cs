using System.CommandLine;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim reboot</c>: <c>GET /api/system/reboot</c> (spec §11.18).</summary>
internal static class RebootCommand
{
    /// <summary>The narrowest scope a reboot accepts (also accepted: <c>system:config</c>, <c>system:upgrade</c>).</summary>
    public const string Scope = "system:shutdown";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var auth = new BearerTokenOptions(Scope);
        var command = new Command("reboot",
            "Reboot the device: tokens of this boot die, a latched fault clears, a new audit file starts (no token needed on a fresh device)");
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            string? bearer = await FreshDeviceToken.ResolveAsync(auth, parse, client, host, cancellationToken).ConfigureAwait(false);
            await client.GetAsync("/api/system/reboot", bearer, cancellationToken).ConfigureAwait(false);
            if (!global.JsonOutput(parse))
            {
                host.Out.WriteLine("rebooting: the device answers again in a few seconds; tokens of the old boot are invalid");
            }

            return ExitCodes.Success;
        }, failure => failure.Path == "/api/system/reboot"
            ? failure.Status switch
            {
                401 => "the device is initialised: pass a token (--token, HEMSIM_TOKEN) or a passphrase to log in",
                403 => "the token's scope must start with system:config, system:upgrade or system:shutdown",
                _ => null,
            }
            : LoginCommand.LoginHint(failure)));
        return command;
    }
}
