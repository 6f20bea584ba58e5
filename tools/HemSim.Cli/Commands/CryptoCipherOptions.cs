using System.CommandLine;
using System.Text.Json;
using HemSim.Cli.Crypto;

namespace HemSim.Cli.Commands;

/// <summary>
/// What <c>crypto encrypt</c> and <c>crypto decrypt</c> share (spec §13.5–§13.6): the message, the required cipher
/// <c>--alg</c>, GCM's <c>--aad</c>, and the ECDH key mode, whose key is
/// <c>HKDF-SHA256(ss, info = "encedo-aes" ‖ ctx)</c> (§18.3) — so <c>--ctx</c> only makes sense with a peer.
/// </summary>
internal sealed class CryptoCipherOptions(string what)
{
    public CryptoMessageOptions Message { get; } = new(what);

    public Option<string?> Alg { get; } = CryptoArguments.AlgOption(CryptoAlgorithms.Ciphers, "Cipher and mode", required: true);

    public Option<string?> Aad { get; } = CryptoArguments.Base64Option("--aad", "GCM only: additional authenticated data, base64");

    public CryptoPeerOptions Peer { get; } = new();

    public Option<string?> Ctx { get; } = CryptoArguments.Base64Option("--ctx", "ECDH key mode only: HKDF context appended to \"encedo-aes\", base64, at most 64 bytes");

    public void AddTo(CryptoVerb verb)
    {
        Message.AddTo(verb.Command);
        verb.Add(Alg, Aad);
        Peer.AddTo(verb.Command);
        verb.Add(Ctx);
    }

    /// <summary>
    /// Checks the options; returns the cipher and the members <c>msg</c>, <c>alg</c>, <c>aad</c>,
    /// <c>ext_kid</c>/<c>pubkey</c>, <c>ctx</c>.
    /// </summary>
    public (string Alg, Action<Utf8JsonWriter> Members) Read(ParseResult parse, CryptoVerb verb)
    {
        string msg = Message.Read(parse, verb);
        string alg = CryptoArguments.Alg(CryptoAlgorithms.Ciphers, parse.GetValue(Alg))!;
        string? aad = CryptoArguments.Base64(parse, Aad);
        if (aad is not null && !CryptoAlgorithms.IsGcm(alg))
        {
            throw new CliUsageException("--aad applies to the GCM modes only");
        }

        (string Field, string Value)? peer = Peer.Read(parse);
        string? ctx = CryptoArguments.Base64(parse, Ctx);
        if (ctx is not null && peer is null)
        {
            throw new CliUsageException("--ctx applies to the ECDH key mode only (with --ext-kid or --pubkey)");
        }

        return (alg, writer =>
        {
            writer.WriteString("msg", msg);
            writer.WriteString("alg", alg);
            CryptoArguments.WriteIfGiven(writer, "aad", aad);
            if (peer is { } p)
            {
                writer.WriteString(p.Field, p.Value);
            }

            CryptoArguments.WriteIfGiven(writer, "ctx", ctx);
        });
    }

    /// <summary>The 406 causes the two cipher endpoints share.</summary>
    public const string KeyFailures =
        "no key with this kid, an AES key smaller than --alg, or with a peer: not a private ECDH key, or a peer on another curve";
}
