using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using HemSim.Cli.Images;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim image sign</c>: wraps a firmware build or a dashboard (folder or tar) into a HemSim signed image v1 and
/// signs it with the vendor key (docs/UPGRADE.md §1–§2).
/// </summary>
internal static class ImageSignCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var kind = new Option<string>("--kind") { Description = "firmware or dashboard", Required = true };
        kind.AcceptOnlyFromAmong("firmware", "dashboard");
        var version = new Option<string>("--version")
        {
            Description = "Version text, 1–64 UTF-8 bytes (firmware: the fwv the device reports after the install)",
            HelpName = "TEXT",
            Required = true,
        };
        var diag = new Option<bool>("--diag") { Description = "Mark a DIAG firmware build (installing it turns the device into a DIAG build)" };
        var input = new Option<string>("--in")
        {
            Description = "Firmware: the build file. Dashboard: a folder (packed as tar) or a ready .tar file",
            HelpName = "PATH",
            Required = true,
        };
        var output = new Option<string>("--out") { Description = "Where to write the signed image", HelpName = "FILE", Required = true };
        var key = new ImageKeyOption();
        var command = new Command("sign", "Build a signed firmware or dashboard image that the device's check-fw/check-ui accepts")
        {
            kind, version, diag, key.Key, input, output,
        };

        command.SetAction((parse, _) => ImageKeyCommand.RunOffline(host, () =>
        {
            ImageKind imageKind = parse.GetValue(kind) == "dashboard" ? ImageKind.Dashboard : ImageKind.Firmware;
            string versionText = parse.GetValue(version)!;
            ImageVersionText.Encode(versionText); // fail on a bad version before reading any input
            byte[] payload = imageKind == ImageKind.Dashboard ? DashboardArchive.Load(parse.GetValue(input)!) : ReadFile(parse.GetValue(input)!);

            byte[] image;
            using (SigningKey signing = key.Load(parse, host))
            {
                image = ImageWriter.Write(imageKind, versionText, parse.GetValue(diag), payload, signing);
            }

            string path = parse.GetValue(output)!;
            WriteFile(path, image);
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(Encoding.UTF8.GetString(CompactJson.Write(w =>
                {
                    w.WriteString("out", path);
                    w.WriteNumber("size", image.Length);
                    w.WriteString("payload_sha256", Base64Text.Encode(SHA256.HashData(payload)));
                })));
            }
            else
            {
                host.Out.WriteLine($"wrote {ImageLayout.Name(imageKind)} image '{versionText}' to {path}: {image.Length} bytes, payload {payload.Length} bytes");
                if (imageKind == ImageKind.Dashboard)
                {
                    host.Out.WriteLine($"uis after install: {Base64Text.Encode(SHA256.HashData(payload))}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    internal static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read '{path}': {ex.Message}");
        }
    }

    private static void WriteFile(string path, byte[] bytes)
    {
        try
        {
            File.WriteAllBytes(path, bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot write '{path}': {ex.Message}");
        }
    }
}
