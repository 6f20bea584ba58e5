using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using HemSim.Cli.Images;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim image inspect FILE</c>: reads a signed image (docs/UPGRADE.md §1) and checks its signature against a
/// vendor public key. Exit code 1 when the image is malformed or the signature does not verify, so a build script
/// can check an image before uploading it.
/// </summary>
internal static class ImageInspectCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var file = new Argument<string>("FILE") { Description = "A signed image (from `hemsim image sign`)" };
        var vendorKey = new Option<string?>("--vendor-key")
        {
            Description = "Public key to verify against, base64 (the device's fwk); default: the HemSim test key",
            HelpName = "B64",
        };
        var command = new Command("inspect", "Show an image's kind, version, flags, payload hash and whether its signature verifies")
        {
            file, vendorKey,
        };

        command.SetAction((parse, _) => ImageKeyCommand.RunOffline(host, () =>
        {
            byte[] publicKey = VendorPublicKey(parse.GetValue(vendorKey));
            string path = parse.GetValue(file)!;
            byte[] bytes = ImageSignCommand.ReadFile(path);
            if (!ImageReader.TryRead(bytes, out ParsedImage? image, out string? problem))
            {
                throw new CliUsageException($"'{path}' is not a valid image: {problem}");
            }

            bool valid = image.VerifySignature(publicKey);
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(Json(image, publicKey, valid));
            }
            else
            {
                Print(image, publicKey, valid, host.Out);
            }

            if (valid)
            {
                return ExitCodes.Success;
            }

            host.Error.WriteLine($"error: the signature does not verify with vendor key {Base64Text.Encode(publicKey)}; "
                + "the device would answer 406 to check-fw/check-ui");
            return ExitCodes.Failure;
        }));
        return command;
    }

    private static byte[] VendorPublicKey(string? text)
    {
        if (text is null)
        {
            using SigningKey test = SigningKey.Test();
            return test.PublicKey;
        }

        return Base64Text.TryDecodeAny(text, out byte[]? key) && key.Length == SigningKey.PublicKeySize
            ? key
            : throw new CliUsageException($"--vendor-key must be a {SigningKey.PublicKeySize}-byte Ed25519 public key in base64");
    }

    private static void Print(ParsedImage image, byte[] publicKey, bool valid, TextWriter output)
    {
        output.WriteLine($"kind:       {ImageLayout.Name(image.Kind)}");
        output.WriteLine($"version:    {image.Version}");
        output.WriteLine($"flags:      {(image.IsDiag ? "DIAG" : "none")}");
        output.WriteLine($"size:       {image.ImageSize} bytes (payload {image.Payload.Length} bytes)");
        output.WriteLine($"sha256:     {Base64Text.Encode(SHA256.HashData(image.Payload))} (payload{(image.Kind == ImageKind.Dashboard ? "; the uis after install" : "")})");
        output.WriteLine($"signature:  {Base64Text.Encode(image.Signature)}{(image.Kind == ImageKind.Firmware ? " (the fws after install)" : "")}");
        output.WriteLine($"verifies:   {(valid ? "yes" : "NO")} with vendor key {Base64Text.Encode(publicKey)}");
    }

    private static string Json(ParsedImage image, byte[] publicKey, bool valid) => Encoding.UTF8.GetString(CompactJson.Write(w =>
    {
        w.WriteString("kind", ImageLayout.Name(image.Kind));
        w.WriteString("version", image.Version);
        w.WriteBoolean("diag", image.IsDiag);
        w.WriteNumber("size", image.ImageSize);
        w.WriteNumber("payload_size", image.Payload.Length);
        w.WriteString("payload_sha256", Base64Text.Encode(SHA256.HashData(image.Payload)));
        w.WriteString("signature", Base64Text.Encode(image.Signature));
        w.WriteString("vendor_key", Base64Text.Encode(publicKey));
        w.WriteBoolean("valid", valid);
    }));
}
