using System.CommandLine;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim upgrade fw|ui FILE</c>: the whole upgrade in one go, as the vendor clients do it (spec §11.9–§11.14):
/// upload, check every <c>--poll</c> seconds until verified or refused (at most <c>--timeout</c>), install. One
/// login serves all three steps.
/// </summary>
internal static class UpgradeOneShotCommand
{
    public static Command Create(GlobalOptions global, CliHost host, UpgradeTarget target)
    {
        var file = new Argument<string>("FILE") { Description = $"The signed {target.Noun} image (from `hemsim image sign`)" };
        var name = UpgradeUploadCommand.NameOption(target.DefaultFileName, $"File name sent to the device; its check only finds {target.FoundNames}");
        var polling = new UpgradePollingOptions();
        var auth = new BearerTokenOptions(UpgradeCommand.Scope);
        var command = new Command(target.Suffix, $"Upload, verify and install a {target.Noun} image in one go") { file, name };
        polling.AddTo(command);
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            (TimeSpan poll, TimeSpan timeout) = polling.Resolve(parse);
            bool json = global.JsonOutput(parse);
            byte[] image = UpgradeUploadCommand.ReadImage(parse.GetValue(file)!, target);
            using HemClient client = global.CreateClient(parse, host);
            string? bearer = await FreshDeviceToken.ResolveAsync(auth, parse, client, host, cancellationToken).ConfigureAwait(false);

            await UpgradeUploadCommand.UploadAsync(client, target, image, parse.GetValue(name)!, bearer, cancellationToken).ConfigureAwait(false);
            if (!json)
            {
                host.Out.WriteLine($"uploaded: {image.Length} bytes as {parse.GetValue(name)}");
            }

            int status = await UpgradeCheck.PollAsync(client, target, bearer, poll, timeout, host, json, cancellationToken).ConfigureAwait(false);
            if (status != 200)
            {
                return UpgradeCheck.Conclude(status, target, waited: true, timeout, host, json);
            }

            await client.GetAsync(target.InstallPath, bearer, cancellationToken).ConfigureAwait(false);
            host.Out.WriteLine(json ? """{"status":200,"result":"installed"}""" : target.Installed);
            return ExitCodes.Success;
        }, UpgradeCommand.Hint));
        return command;
    }
}
