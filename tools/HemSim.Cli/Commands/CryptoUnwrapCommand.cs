using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim crypto unwrap KID</c>: <c>POST /api/crypto/cipher/unwrap</c> (spec §13.8), the reverse of
/// <c>crypto wrap</c> with the same KEK options. Prints the secret.
/// </summary>
internal static class CryptoUnwrapCommand
{
    public const string Path = "/api/crypto/cipher/unwrap";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var verb = new CryptoVerb("unwrap", "Unwrap a blob made by wrap (RFC 3394) and print the secret", Path);
        var options = new CryptoWrapOptions("wrapped blob");
        var output = new CryptoOutput();
        options.AddTo(verb);
        output.AddTo(verb.Command);

        return verb.Build(global, host,
            parse => options.Read(parse, verb),
            (parse, reply) => output.Present(parse, global, host, reply, Path, "unwrapped"),
            status => status switch
            {
                400 => "the blob is not a multiple of 8 bytes (at least 24), or a field is not base64",
                406 => "the integrity check failed (wrong KEK or iv, or a modified blob), or " + CryptoWrapOptions.KeyFailures,
                _ => null,
            });
    }
}
