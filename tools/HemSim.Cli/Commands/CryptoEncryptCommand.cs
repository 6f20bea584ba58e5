using System.CommandLine;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim crypto encrypt KID --alg ALG</c>: <c>POST /api/crypto/cipher/encrypt</c> (spec §13.5). The device picks
/// a fresh 16-byte IV/nonce itself; the command prints the ciphertext, and for CBC/GCM the <c>iv</c> and for GCM the
/// <c>tag</c> that <c>crypto decrypt</c> needs back.
/// </summary>
internal static class CryptoEncryptCommand
{
    public const string Path = "/api/crypto/cipher/encrypt";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var verb = new CryptoVerb("encrypt", "Encrypt a message with AES (ECB, CBC or GCM) under a stored key or a key from ECDH with a peer", Path);
        var options = new CryptoCipherOptions("plaintext");
        var output = new CryptoOutput();
        output.File.Description = "Write the raw ciphertext to FILE instead of printing it (iv and tag are still printed)";
        options.AddTo(verb);
        output.AddTo(verb.Command);

        return verb.Build(global, host,
            parse => options.Read(parse, verb).Members,
            (parse, reply) => Present(parse, global, host, output, reply),
            status => status switch
            {
                400 => "the device could not read a field (alg missing or unknown, msg/aad/ctx not base64 or too long), or ECB input not a multiple of 16 bytes",
                406 => CryptoCipherOptions.KeyFailures,
                _ => null,
            });
    }

    private static int Present(ParseResult parse, GlobalOptions global, CliHost host, CryptoOutput output, HemResponse reply)
    {
        byte[] ciphertext = CryptoOutput.RequiredBytes(reply, Path, "ciphertext");
        bool json = global.JsonOutput(parse);
        if (parse.GetValue(output.File) is not null || json)
        {
            // --json prints the whole answer; --out stores the ciphertext alone.
            output.Present(parse, global, host, reply, Path, "ciphertext");
        }
        else
        {
            host.Out.WriteLine($"ciphertext: {Base64Text.Encode(ciphertext)}");
        }

        if (!json)
        {
            foreach (string field in (string[])["iv", "tag"])
            {
                if (reply.Json.TryGetProperty(field, out _))
                {
                    host.Out.WriteLine($"{field + ":",-11} {Base64Text.Encode(CryptoOutput.RequiredBytes(reply, Path, field))}");
                }
            }
        }

        return ExitCodes.Success;
    }
}
