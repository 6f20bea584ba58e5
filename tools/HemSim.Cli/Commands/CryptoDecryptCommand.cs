using System.CommandLine;
using HemSim.Cli.Crypto;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim crypto decrypt KID --alg ALG</c>: <c>POST /api/crypto/cipher/decrypt</c> (spec §13.6). CBC and GCM need
/// the <c>--iv</c> that encrypt returned (16 bytes), GCM also its <c>--tag</c> (16 bytes) and the same <c>--aad</c>.
/// Prints the plaintext.
/// </summary>
internal static class CryptoDecryptCommand
{
    public const string Path = "/api/crypto/cipher/decrypt";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var verb = new CryptoVerb("decrypt", "Decrypt an AES (ECB, CBC or GCM) ciphertext under a stored key or a key from ECDH with a peer", Path);
        var options = new CryptoCipherOptions("ciphertext");
        var iv = CryptoArguments.Base64Option("--iv", "CBC and GCM: the IV/nonce encrypt returned, base64 (16 bytes)");
        var tag = CryptoArguments.Base64Option("--tag", "GCM: the tag encrypt returned, base64 (16 bytes)");
        var output = new CryptoOutput();
        options.AddTo(verb);
        verb.Add(iv, tag);
        output.AddTo(verb.Command);

        return verb.Build(global, host,
            parse =>
            {
                (string alg, var members) = options.Read(parse, verb);
                string? ivValue = CryptoArguments.Base64(parse, iv);
                string? tagValue = CryptoArguments.Base64(parse, tag);
                if (CryptoAlgorithms.NeedsIv(alg) != (ivValue is not null))
                {
                    throw new CliUsageException(ivValue is null ? $"--iv is required for {alg}" : "--iv applies to CBC and GCM only");
                }

                if (CryptoAlgorithms.IsGcm(alg) != (tagValue is not null))
                {
                    throw new CliUsageException(tagValue is null ? $"--tag is required for {alg}" : "--tag applies to GCM only");
                }

                return writer =>
                {
                    members(writer);
                    CryptoArguments.WriteIfGiven(writer, "iv", ivValue);
                    CryptoArguments.WriteIfGiven(writer, "tag", tagValue);
                };
            },
            (parse, reply) => output.Present(parse, global, host, reply, Path, "plaintext"),
            status => status switch
            {
                400 => "the device could not read a field: alg unknown, iv or tag not exactly 16 bytes, ECB input not a multiple of 16 bytes",
                406 => "decryption failed: wrong key, iv, tag or aad, a modified ciphertext, or bad CBC padding; or " + CryptoCipherOptions.KeyFailures,
                _ => null,
            });
    }
}
