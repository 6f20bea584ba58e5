using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim crypto wrap KID</c>: <c>POST /api/crypto/cipher/wrap</c> (spec §13.7), AES key wrap (RFC 3394) of a
/// secret of at least 16 bytes, a multiple of 8. Prints the wrapped blob (8 bytes longer).
/// </summary>
internal static class CryptoWrapCommand
{
    public const string Path = "/api/crypto/cipher/wrap";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var verb = new CryptoVerb("wrap", "Wrap a secret (RFC 3394) under a stored AES key or a KEK from ECDH with a peer", Path);
        var options = new CryptoWrapOptions("secret to wrap");
        var output = new CryptoOutput();
        options.AddTo(verb);
        output.AddTo(verb.Command);

        return verb.Build(global, host,
            parse => options.Read(parse, verb),
            (parse, reply) => output.Present(parse, global, host, reply, Path, "wrapped"),
            status => status switch
            {
                400 => "the device could not read a field (msg, iv, pubkey or ctx not base64, alg unknown)",
                406 => "the secret is not a multiple of 8 bytes (at least 16), the iv is not 8 bytes, or " + CryptoWrapOptions.KeyFailures,
                _ => null,
            });
    }
}
