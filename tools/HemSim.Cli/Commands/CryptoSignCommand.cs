using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim crypto sign KID --alg ALG</c>: <c>POST /api/crypto/exdsa/sign</c> (spec §13.3). Prints the signature:
/// DER <c>SEQUENCE{r, s}</c> for ECDSA (HemSim's choice, spec §22 #8), raw R‖S for EdDSA.
/// </summary>
internal static class CryptoSignCommand
{
    public const string Path = "/api/crypto/exdsa/sign";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var verb = new CryptoVerb("sign", "Sign a message with a stored ECDSA or EdDSA private key", Path);
        var options = new CryptoSignOptions();
        var output = new CryptoOutput();
        options.AddTo(verb);
        output.AddTo(verb.Command);

        return verb.Build(global, host,
            parse => options.Read(parse, verb),
            (parse, reply) => output.Present(parse, global, host, reply, Path, "sign"),
            status => status switch
            {
                400 => "the device could not read a field (alg missing or unknown, msg/ctx not base64, ctx over 255 bytes)",
                406 => CryptoSignOptions.KeyFailures + " (a public-only imported key cannot sign)",
                _ => null,
            });
    }
}
