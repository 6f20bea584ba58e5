using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim crypto hmac-verify KID --mac B64</c>: <c>POST /api/crypto/hmac/verify</c> (spec §13.2). Prints
/// <c>valid</c> (exit 0) or <c>invalid</c> (406, exit 1).
/// </summary>
internal static class CryptoHmacVerifyCommand
{
    public const string Path = "/api/crypto/hmac/verify";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var verb = new CryptoVerb("hmac-verify", "Check a MAC of a message on the device (exit code 0 valid, 1 invalid)", Path);
        var options = new CryptoHmacOptions();
        var mac = CryptoArguments.Base64Option("--mac", "The MAC to check, base64", required: true);
        options.AddTo(verb);
        verb.Add(mac);

        return verb.BuildVerify(global, host,
            parse =>
            {
                var members = options.Read(parse, verb);
                string value = CryptoArguments.Base64(parse, mac)!;
                return writer =>
                {
                    members(writer);
                    writer.WriteString("mac", value);
                };
            },
            "the MAC",
            _ => "406 also answers a key that is missing or unsuitable: " + CryptoHmacOptions.KeyFailures,
            status => status == 400 ? "the device could not read a field (msg, mac or pubkey not base64, mac over 64 bytes)" : null,
            406);
    }
}
