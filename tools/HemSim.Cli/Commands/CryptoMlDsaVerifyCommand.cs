using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim crypto mldsa-verify KID --signature B64</c>: <c>POST /api/crypto/pqc/mldsa/verify</c> (spec §13.13).
/// Prints <c>valid</c> (exit 0) or <c>invalid</c> (exit 1). Real firmware answers a signature that does not verify
/// with the raw status 795 (QUIRK, spec §22 #14); HemSim's <c>--strict-mldsa-verify</c> makes that 406. Both are the
/// verdict "invalid".
/// </summary>
internal static class CryptoMlDsaVerifyCommand
{
    public const string Path = "/api/crypto/pqc/mldsa/verify";

    /// <summary>QUIRK (spec §3.4, §13.13): the status a failed ML-DSA verification gets on firmware 1.2.2.</summary>
    public const int LeakedStatus = 795;

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var verb = new CryptoVerb("mldsa-verify", "Check an ML-DSA signature on the device (exit code 0 valid, 1 invalid)", Path);
        var message = new CryptoMessageOptions("message");
        var ctx = CryptoMlDsaSignCommand.MlDsaContextOption();
        var signature = CryptoArguments.Base64Option("--signature", "The signature, base64", required: true);
        message.AddTo(verb.Command);
        verb.Add(ctx, signature);

        return verb.BuildVerify(global, host,
            parse =>
            {
                var members = CryptoMlDsaSignCommand.ReadMembers(parse, verb, message, ctx);
                string sign = CryptoArguments.Base64(parse, signature)!;
                return writer =>
                {
                    members(writer);
                    writer.WriteString("sign", sign);
                };
            },
            "the signature",
            status => status == LeakedStatus
                ? "795 is how firmware 1.2.2 reports a failed ML-DSA verification (spec §13.13 QUIRK)"
                : "406 also answers a missing key, a key that is not ML-DSA, or an imported public key (the firmware verifies only with its own keys, spec §13.13 QUIRK)",
            status => status == 400 ? "the device could not read a field (msg, sign or ctx not base64, ctx over 255 bytes)" : null,
            LeakedStatus, 406);
    }
}
