using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim crypto hmac KID</c>: <c>POST /api/crypto/hmac/hash</c> (spec §13.1). Prints the MAC.</summary>
internal static class CryptoHmacCommand
{
    public const string Path = "/api/crypto/hmac/hash";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var verb = new CryptoVerb("hmac", "Compute the HMAC of a message with a stored HMAC key, or with a key from ECDH with a peer", Path);
        var options = new CryptoHmacOptions();
        var output = new CryptoOutput();
        options.AddTo(verb);
        output.AddTo(verb.Command);

        return verb.Build(global, host,
            parse => options.Read(parse, verb),
            (parse, reply) => output.Present(parse, global, host, reply, Path, "mac"),
            status => status switch
            {
                400 => "the device could not read a field (msg or pubkey not base64, kid malformed)",
                406 => CryptoHmacOptions.KeyFailures,
                _ => null,
            });
    }
}
