using System.CommandLine;
using HemSim.Cli.Http;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim upgrade upload-bootloader FILE</c> and <c>install-bootloader</c> (spec §16 G10–G11, DIAG builds): stage
/// one 8 KiB flash sector, then copy it over the bootloader. Both print the device's SHA-1 <c>hash</c> of the sector.
/// </summary>
internal static class UpgradeBootloaderCommand
{
    public const string UploadPath = "/api/system/upgrade/upload_bootldr";
    public const string InstallPath = "/api/system/upgrade/install_bl";

    public static Command CreateUpload(GlobalOptions global, CliHost host)
    {
        var file = new Argument<string>("FILE") { Description = "Bootloader image, at most one 8 KiB flash sector" };
        var name = UpgradeUploadCommand.NameOption("bootldr.bin", "File name sent to the device (required there, but ignored)");
        var auth = new BearerTokenOptions(UpgradeCommand.Scope);
        var command = new Command("upload-bootloader", "DIAG build: stage a bootloader image in the reserved flash sector; prints its hash")
        {
            file, name,
        };
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            byte[] image = ImageSignCommand.ReadFile(parse.GetValue(file)!);
            using HemClient client = global.CreateClient(parse, host);
            string? bearer = await FreshDeviceToken.ResolveAsync(auth, parse, client, host, cancellationToken).ConfigureAwait(false);
            HemResponse response = await client.PostRawAsync(UploadPath, image, parse.GetValue(name)!, bearer, cancellationToken).ConfigureAwait(false);
            PrintHash(global, parse, host, response, $"staged: {image.Length} bytes; hash (SHA-1 of the written sector):");
            return ExitCodes.Success;
        }, UpgradeCommand.Hint));
        return command;
    }

    public static Command CreateInstall(GlobalOptions global, CliHost host)
    {
        var auth = new BearerTokenOptions(UpgradeCommand.Scope);
        var command = new Command("install-bootloader", "DIAG build: overwrite the bootloader with the staged sector; prints its hash");
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            string? bearer = await FreshDeviceToken.ResolveAsync(auth, parse, client, host, cancellationToken).ConfigureAwait(false);
            HemResponse response = await client.GetAsync(InstallPath, bearer, cancellationToken).ConfigureAwait(false);
            PrintHash(global, parse, host, response, "installed the staged bootloader; hash:");
            return ExitCodes.Success;
        }, UpgradeCommand.Hint));
        return command;
    }

    private static void PrintHash(GlobalOptions global, ParseResult parse, CliHost host, HemResponse response, string label)
    {
        string hash = response.RequiredString("hash");
        host.Out.WriteLine(global.JsonOutput(parse) ? response.Text : $"{label} {hash}");
    }
}
