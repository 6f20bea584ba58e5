using System.CommandLine;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim shutdown</c>: <c>GET /api/system/shutdown</c> (spec §11.17).</summary>
internal static class ShutdownCommand
{
    /// <summary>The narrowest scope a shutdown accepts (also accepted: <c>system:config</c>).</summary>
    public const string Scope = "system:shutdown";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var auth = new BearerTokenOptions(Scope);
        var command = new Command("shutdown",
            "Shut the device down: nothing answers until it is powered on again (always needs a token, even on a fresh device)");
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
            await client.GetAsync("/api/system/shutdown", bearer, cancellationToken).ConfigureAwait(false);
            if (!global.JsonOutput(parse))
            {
                host.Out.WriteLine("shut down: the device answers nothing (HemSim: 503) until it is powered on again — "
                    + "by itself after the bridge's --power-on-delay, or with PowerOn on the control channel");
            }

            return ExitCodes.Success;
        }, failure => failure.Path == "/api/system/shutdown"
            ? failure.Status switch
            {
                401 => "shutdown always needs a token (--token, HEMSIM_TOKEN) or a passphrase to log in",
                403 => "the token's scope must start with system:config or system:shutdown",
                503 => "the device is already off",
                _ => null,
            }
            : LoginCommand.LoginHint(failure)));
        return command;
    }
}
