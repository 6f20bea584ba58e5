using System.CommandLine;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim config wipeout --yes</c>: <c>POST /api/system/config {"wipeout":true}</c> (spec §11.6, §4 wipe). The device
/// answers 200, erases its configuration, keys and identity, and reboots factory-fresh. Without <c>--yes</c> nothing
/// is sent.
/// </summary>
internal static class ConfigWipeoutCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var yes = new Option<bool>("--yes") { Description = "Confirm: erase the configuration, every key and the device identity" };
        var auth = new BearerTokenOptions(ConfigCommand.Scope);
        var command = new Command("wipeout", "Factory-reset the device (needs --yes; keys cannot be recovered)") { yes };
        auth.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            if (!parse.GetValue(yes))
            {
                throw new CliUsageException("wipeout erases every key and the configuration for good: add --yes to confirm");
            }

            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
            byte[] body = CompactJson.Write(writer => writer.WriteBoolean("wipeout", true));
            await client.PostJsonAsync("/api/system/config", body, bearer, cancellationToken).ConfigureAwait(false);
            if (!global.JsonOutput(parse))
            {
                host.Out.WriteLine("wiped: the device reboots into the factory-fresh state (run `hemsim init` to provision it)");
            }

            return ExitCodes.Success;
        }, ConfigCommand.Hint(on406: "only the user or admin may wipe the device, not an external app")));
        return command;
    }
}
