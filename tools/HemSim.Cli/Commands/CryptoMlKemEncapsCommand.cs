using System.CommandLine;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim crypto mlkem-encaps KID</c>: <c>POST /api/crypto/pqc/mlkem/encaps</c> (spec §13.10). Prints the parameter
/// set, the 32-byte shared secret and the ciphertext for the holder of the private key (<c>crypto mlkem-decaps</c>).
/// </summary>
internal static class CryptoMlKemEncapsCommand
{
    public const string Path = "/api/crypto/pqc/mlkem/encaps";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var verb = new CryptoVerb("mlkem-encaps", "Encapsulate a fresh shared secret to a device ML-KEM key", Path);
        var output = new CryptoOutput();
        output.File.Description = "Write the raw shared secret to FILE instead of printing it (alg and ct are still printed)";
        output.AddTo(verb.Command);

        return verb.Build(global, host,
            _ => _ => { },
            (parse, reply) => Present(parse, global, host, output, reply),
            status => status switch
            {
                400 => "the device could not read the kid",
                // QUIRK (spec §13.10): the firmware encapsulates only to keys it generated itself.
                406 => "no key with this kid, or not an ML-KEM private key: the device refuses imported public ML-KEM keys (spec §13.10 QUIRK; HemSim's --pqc-public-keys lifts it)",
                _ => null,
            });
    }

    private static int Present(ParseResult parse, GlobalOptions global, CliHost host, CryptoOutput output, HemResponse reply)
    {
        string alg = reply.RequiredString("alg");
        byte[] ciphertext = CryptoOutput.RequiredBytes(reply, Path, "ct");
        bool json = global.JsonOutput(parse);
        if (!json)
        {
            host.Out.WriteLine($"alg: {alg}");
        }

        if (parse.GetValue(output.File) is not null || json)
        {
            output.Present(parse, global, host, reply, Path, "ss");
        }
        else
        {
            host.Out.WriteLine($"ss:  {Base64Text.Encode(CryptoOutput.RequiredBytes(reply, Path, "ss"))}");
        }

        if (!json)
        {
            host.Out.WriteLine($"ct:  {Base64Text.Encode(ciphertext)}");
        }

        return ExitCodes.Success;
    }
}
