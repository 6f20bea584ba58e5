using System.CommandLine;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim upgrade install-fw|install-ui</c> (spec §11.11, §11.14) and <c>usbmode</c> (§11.15): the steps that act
/// on a verified image or reboot the device. The device answers an empty 200, then acts.
/// </summary>
internal static class UpgradeInstallCommand
{
    public const string UsbModePath = "/api/system/upgrade/usbmode";

    public static Command Create(GlobalOptions global, CliHost host, UpgradeTarget target) =>
        Simple(global, host, $"install-{target.Suffix}", target.InstallPath,
            $"Install the verified {target.Noun} image (step 3 of 3)", target.Installed);

    public static Command CreateUsbMode(GlobalOptions global, CliHost host) =>
        Simple(global, host, "usbmode", UsbModePath,
            "Reboot into the bootloader's USB serial mode for an Intel-HEX firmware upload over serial",
            "rebooting into the bootloader's USB serial mode (CDC-ACM) for an Intel-HEX upload; "
            + "the device is offline until it boots normally again");

    private static Command Simple(GlobalOptions global, CliHost host, string name, string path, string description, string done)
    {
        var auth = new BearerTokenOptions(UpgradeCommand.Scope);
        var command = new Command(name, description);
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            string? bearer = await FreshDeviceToken.ResolveAsync(auth, parse, client, host, cancellationToken).ConfigureAwait(false);
            HemResponse response = await client.GetAsync(path, bearer, cancellationToken).ConfigureAwait(false);
            host.Out.WriteLine(global.JsonOutput(parse)
                ? System.Text.Encoding.UTF8.GetString(CompactJson.Write(w => w.WriteNumber("status", response.Status)))
                : done);

            return ExitCodes.Success;
        }, UpgradeCommand.Hint));
        return command;
    }
}
