using System.CommandLine;
using HemSim.Cli.Crypto;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim crypto ecdh KID --pubkey B64</c>: <c>POST /api/crypto/ecdh</c> (spec §13.9). Prints the shared secret:
/// raw (X25519/X448 output, the x-coordinate for SECP*; cut to its first 32 bytes for X448, P-384 and P-521, spec
/// §22 #9), or with <c>--alg</c> its digest.
/// </summary>
internal static class CryptoEcdhCommand
{
    public const string Path = "/api/crypto/ecdh";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var verb = new CryptoVerb("ecdh", "Compute the ECDH shared secret of a stored private key and a peer", Path);
        var peer = new CryptoPeerOptions();
        var alg = CryptoArguments.AlgOption(CryptoAlgorithms.Digests, "Return this digest of the secret instead of the raw secret");
        var output = new CryptoOutput();
        peer.AddTo(verb.Command);
        verb.Add(alg);
        output.AddTo(verb.Command);

        return verb.Build(global, host,
            parse =>
            {
                (string field, string value) = peer.ReadRequired(parse);
                string? digest = CryptoArguments.Alg(CryptoAlgorithms.Digests, parse.GetValue(alg));
                return writer =>
                {
                    writer.WriteString(field, value);
                    CryptoArguments.WriteIfGiven(writer, "alg", digest);
                };
            },
            (parse, reply) => output.Present(parse, global, host, reply, Path, "ecdh"),
            status => status switch
            {
                400 => "the device could not read a field (pubkey not base64, ext_kid or alg malformed)",
                406 => "no key with this kid, a key that cannot do ECDH (CURVE25519, CURVE448, SECP* with the ECDH mode), an unknown peer, a peer on another curve or an invalid point",
                _ => null,
            });
    }
}
