using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim crypto mlkem-decaps KID --ct B64</c>: <c>POST /api/crypto/pqc/mlkem/decaps</c> (spec §13.11). Prints the
/// 32-byte shared secret. The answer's <c>alg</c> is opaque on real firmware (QUIRK), so only <c>--json</c> shows it.
/// </summary>
internal static class CryptoMlKemDecapsCommand
{
    public const string Path = "/api/crypto/pqc/mlkem/decaps";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var verb = new CryptoVerb("mlkem-decaps", "Decapsulate an ML-KEM ciphertext with a device ML-KEM key", Path);
        var ciphertext = CryptoArguments.Base64Option("--ct", "The ciphertext, base64 (768, 1088 or 1568 bytes for ML-KEM-512/768/1024)", required: true);
        var output = new CryptoOutput();
        verb.Add(ciphertext);
        output.AddTo(verb.Command);

        return verb.Build(global, host,
            parse =>
            {
                string ct = CryptoArguments.Base64(parse, ciphertext)!;
                return writer => writer.WriteString("ct", ct);
            },
            (parse, reply) => output.Present(parse, global, host, reply, Path, "ss"),
            status => status switch
            {
                400 => "the device could not read a field (ct not base64)",
                406 => "no key with this kid, not an ML-KEM private key, or a ciphertext whose length does not match the key's parameter set",
                _ => null,
            });
    }
}
