using System.CommandLine;
using HemSim.Cli.Images;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim image key</c> prints a vendor public key (the device's <c>--vendor-key</c>, reported as <c>fwk</c>);
/// <c>hemsim image keygen</c> makes a new private seed file (docs/UPGRADE.md §2). Neither ever prints a seed.
/// </summary>
internal static class ImageKeyCommand
{
    public static Command CreateKey(GlobalOptions global, CliHost host)
    {
        var key = new ImageKeyOption();
        var command = new Command("key", "Print the vendor public key (base64) to give the device as --vendor-key; default: the test key")
        {
            key.Key,
        };
        command.SetAction((parse, _) => RunOffline(host, () =>
        {
            using SigningKey signing = key.Load(parse, host);
            host.Out.WriteLine(global.JsonOutput(parse) ? $$"""{"fwk":"{{signing.PublicKeyBase64}}"}""" : signing.PublicKeyBase64);
            return ExitCodes.Success;
        }));
        return command;
    }

    public static Command CreateKeygen(CliHost host)
    {
        var output = new Option<string>("--out") { Description = "New key file (created owner-only, never overwritten)", HelpName = "FILE", Required = true };
        var command = new Command("keygen", "Make a new random vendor signing key file (mode 0600) and print its public key") { output };
        command.SetAction((parse, _) => RunOffline(host, () =>
        {
            string path = parse.GetValue(output)!;
            using SigningKey signing = SigningKey.Generate();
            signing.WriteNewFile(path);
            host.Out.WriteLine($"wrote a new signing key to {path} (keep it secret)");
            host.Out.WriteLine($"public key: {signing.PublicKeyBase64}");
            host.Out.WriteLine($"start the device with --vendor-key {signing.PublicKeyBase64} and sign with --key {path}");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Runs an offline verb under the common error boundary (only usage errors can happen without a device).</summary>
    internal static Task<int> RunOffline(CliHost host, Func<int> command) => CommandRunner.RunAsync(host, () => Task.FromResult(command()));
}
