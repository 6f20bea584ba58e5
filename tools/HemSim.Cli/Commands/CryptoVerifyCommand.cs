using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim crypto verify KID --alg ALG --signature B64</c>: <c>POST /api/crypto/exdsa/verify</c> (spec §13.4), with
/// a stored public key or a private key's public half. Prints <c>valid</c> (exit 0) or <c>invalid</c> (406, exit 1).
/// </summary>
internal static class CryptoVerifyCommand
{
    public const string Path = "/api/crypto/exdsa/verify";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var verb = new CryptoVerb("verify", "Check an ECDSA or EdDSA signature on the device (exit code 0 valid, 1 invalid)", Path);
        var options = new CryptoSignOptions();
        var signature = CryptoArguments.Base64Option("--signature", "The signature, base64 (DER for ECDSA, raw for EdDSA)", required: true);
        options.AddTo(verb);
        verb.Add(signature);

        return verb.BuildVerify(global, host,
            parse =>
            {
                var members = options.Read(parse, verb);
                string sign = CryptoArguments.Base64(parse, signature)!;
                return writer =>
                {
                    members(writer);
                    writer.WriteString("sign", sign);
                };
            },
            "the signature",
            _ => "406 also answers a key that is missing or unsuitable: " + CryptoSignOptions.KeyFailures,
            status => status == 400 ? "the device could not read a field (alg missing or unknown, msg/sign/ctx not base64, ctx over 255 bytes)" : null,
            406);
    }
}
