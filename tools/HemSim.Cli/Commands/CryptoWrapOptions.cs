using System.CommandLine;
using System.Text.Json;
using HemSim.Cli.Crypto;

namespace HemSim.Cli.Commands;

/// <summary>
/// What <c>crypto wrap</c> and <c>crypto unwrap</c> share (spec §13.7–§13.8): the input, the KEK size
/// <c>--alg</c> (AES128/192/256, device default AES256), the RFC 3394 initial value <c>--iv</c> (8 bytes, default
/// A6A6A6A6A6A6A6A6) and the ECDH key mode, whose KEK is <c>HKDF-SHA256(ss, info = "encedo-kek" ‖ ctx)</c> (§18.3).
/// </summary>
internal sealed class CryptoWrapOptions(string what)
{
    public CryptoMessageOptions Message { get; } = new(what);

    public Option<string?> Alg { get; } = CryptoArguments.AlgOption(CryptoAlgorithms.KeyWrap, "KEK size (device default AES256)");

    public Option<string?> Iv { get; } = CryptoArguments.Base64Option("--iv", "RFC 3394 initial value, base64 (8 bytes; default A6A6A6A6A6A6A6A6)");

    public CryptoPeerOptions Peer { get; } = new();

    public Option<string?> Ctx { get; } = CryptoArguments.Base64Option("--ctx", "ECDH key mode only: HKDF context appended to \"encedo-kek\", base64, at most 64 bytes");

    public void AddTo(CryptoVerb verb)
    {
        Message.AddTo(verb.Command);
        verb.Add(Alg, Iv);
        Peer.AddTo(verb.Command);
        verb.Add(Ctx);
    }

    /// <summary>Checks the options and returns the members <c>msg</c>, <c>alg</c>, <c>iv</c>, <c>ext_kid</c>/<c>pubkey</c>, <c>ctx</c>.</summary>
    public Action<Utf8JsonWriter> Read(ParseResult parse, CryptoVerb verb)
    {
        string msg = Message.Read(parse, verb);
        string? alg = CryptoArguments.Alg(CryptoAlgorithms.KeyWrap, parse.GetValue(Alg));
        string? iv = CryptoArguments.Base64(parse, Iv);
        (string Field, string Value)? peer = Peer.Read(parse);
        string? ctx = CryptoArguments.Base64(parse, Ctx);
        if (ctx is not null && peer is null)
        {
            throw new CliUsageException("--ctx applies to the ECDH key mode only (with --ext-kid or --pubkey)");
        }

        return writer =>
        {
            writer.WriteString("msg", msg);
            CryptoArguments.WriteIfGiven(writer, "alg", alg);
            CryptoArguments.WriteIfGiven(writer, "iv", iv);
            if (peer is { } p)
            {
                writer.WriteString(p.Field, p.Value);
            }

            CryptoArguments.WriteIfGiven(writer, "ctx", ctx);
        };
    }

    /// <summary>The 406 causes the two wrap endpoints share.</summary>
    public const string KeyFailures =
        "no key with this kid, an AES key whose size is not --alg's (default AES256), or with a peer: not a private ECDH key, or a peer on another curve";
}
