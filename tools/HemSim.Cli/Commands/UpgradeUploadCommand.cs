using System.CommandLine;
using System.Net.Http;
using HemSim.Cli.Http;
using HemSim.Cli.Images;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim upgrade upload-fw|upload-ui FILE</c>: stages an image on the device (spec §11.9, §11.12) as a raw
/// octet-stream under the file name the later check looks for.
/// </summary>
internal static class UpgradeUploadCommand
{
    public static Command Create(GlobalOptions global, CliHost host, UpgradeTarget target)
    {
        var file = new Argument<string>("FILE") { Description = $"The signed {target.Noun} image (from `hemsim image sign`)" };
        var name = NameOption(target.DefaultFileName, $"File name sent to the device; its check only finds {target.FoundNames}");
        var auth = new BearerTokenOptions(UpgradeCommand.Scope);
        var command = new Command($"upload-{target.Suffix}", $"Upload a {target.Noun} image (step 1 of 3; then check-{target.Suffix})") { file, name };
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            byte[] image = ReadImage(parse.GetValue(file)!, target);
            using HemClient client = global.CreateClient(parse, host);
            string? bearer = await FreshDeviceToken.ResolveAsync(auth, parse, client, host, cancellationToken).ConfigureAwait(false);
            await UploadAsync(client, target, image, parse.GetValue(name)!, bearer, cancellationToken).ConfigureAwait(false);
            if (!global.JsonOutput(parse))
            {
                host.Out.WriteLine($"uploaded: {image.Length} bytes as {parse.GetValue(name)}; next: `hemsim upgrade check-{target.Suffix} --wait`");
            }

            return ExitCodes.Success;
        }, UpgradeCommand.Hint));
        return command;
    }

    internal static Option<string> NameOption(string defaultName, string description) => new("--name")
    {
        Description = description,
        HelpName = "NAME",
        DefaultValueFactory = _ => defaultName,
    };

    /// <summary>
    /// The file's bytes. A HemSim image of the other kind is refused here: the device would only say 406 after a
    /// check. Anything that is not a HemSim image goes as it is (a real device's images have another format).
    /// </summary>
    internal static byte[] ReadImage(string path, UpgradeTarget target)
    {
        byte[] image = ImageSignCommand.ReadFile(path);
        if (ImageReader.TryRead(image, out ParsedImage? parsed, out _) && parsed.Kind != target.Kind)
        {
            throw new CliUsageException($"'{path}' is a {ImageLayout.Name(parsed.Kind)} image, not a {target.Noun} image");
        }

        return image;
    }

    internal static async Task UploadAsync(HemClient client, UpgradeTarget target, byte[] image, string fileName, string? bearer,
        CancellationToken cancellationToken)
    {
        try
        {
            await client.PostRawAsync(target.UploadPath, image, fileName, bearer, cancellationToken).ConfigureAwait(false);
        }
        catch (HemConnectionException ex) when (target.Kind == ImageKind.Firmware && IsDroppedByDevice(ex))
        {
            // QUIRK (spec §11.9): the firmware answers an oversized image or a wrong name by closing the connection.
            throw new HemConnectionException(
                "the device dropped the connection: image over 3 MiB or file name not firmware.bin/firmware.hex (spec §11.9)", ex);
        }
    }

    /// <summary>The connection was made and then closed without an answer (not refused, not TLS, not a timeout).</summary>
    private static bool IsDroppedByDevice(HemConnectionException ex) =>
        ex.InnerException is HttpRequestException
        {
            HttpRequestError: not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError),
        };
}
