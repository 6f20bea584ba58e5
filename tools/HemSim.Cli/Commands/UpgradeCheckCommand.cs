using System.CommandLine;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim upgrade check-fw|check-ui [--wait]</c>: asks the device to verify the uploaded image (spec §11.10,
/// §11.13). Without <c>--wait</c> one answer is printed; with it the check is repeated until the image is verified
/// or refused. Exit code 0 for started/running/verified, 1 for a refusal or a time-out.
/// </summary>
internal static class UpgradeCheckCommand
{
    public static Command Create(GlobalOptions global, CliHost host, UpgradeTarget target)
    {
        var wait = new Option<bool>("--wait") { Description = "Check again until the image is verified or refused" };
        var polling = new UpgradePollingOptions();
        var auth = new BearerTokenOptions(UpgradeCommand.Scope);
        var command = new Command($"check-{target.Suffix}",
            $"Verify the uploaded {target.Noun} image (step 2 of 3): 201 started, 202 running, 200 verified, 406 failed") { wait };
        polling.AddTo(command);
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            (TimeSpan poll, TimeSpan timeout) = polling.Resolve(parse);
            bool json = global.JsonOutput(parse);
            bool waiting = parse.GetValue(wait);
            using HemClient client = global.CreateClient(parse, host);
            string? bearer = await FreshDeviceToken.ResolveAsync(auth, parse, client, host, cancellationToken).ConfigureAwait(false);
            int status;
            if (waiting)
            {
                status = await UpgradeCheck.PollAsync(client, target, bearer, poll, timeout, host, json, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                status = await UpgradeCheck.CheckOnceAsync(client, target, bearer, cancellationToken).ConfigureAwait(false);
                UpgradeCheck.Report(status, target, host, json);
            }

            if (status == 200 && !json)
            {
                host.Out.WriteLine($"next: `hemsim upgrade install-{target.Suffix}`");
            }

            return UpgradeCheck.Conclude(status, target, waiting, timeout, host, json);
        }, UpgradeCommand.Hint));
        return command;
    }
}
