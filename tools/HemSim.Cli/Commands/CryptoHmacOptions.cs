using System.CommandLine;
using System.Text.Json;
using HemSim.Cli.Crypto;

namespace HemSim.Cli.Commands;

/// <summary>
/// What <c>crypto hmac</c> and <c>crypto hmac-verify</c> share (spec §13.1–§13.2): the message, and either a stored
/// HMAC key (the digest follows from its type; the device ignores <c>alg</c>) or an ECDH key mode, where
/// <c>--alg</c> is required (the device answers 406 without it) and the HMAC key is <c>Hash_alg(ss)</c> (§18.4).
/// </summary>
internal sealed class CryptoHmacOptions
{
    public CryptoMessageOptions Message { get; } = new("message");

    public Option<string?> Alg { get; } = CryptoArguments.AlgOption(
        CryptoAlgorithms.Digests, "Digest: required with --ext-kid/--pubkey, ignored by the device for a stored HMAC key");

    public CryptoPeerOptions Peer { get; } = new();

    public void AddTo(CryptoVerb verb)
    {
        Message.AddTo(verb.Command);
        verb.Add(Alg);
        Peer.AddTo(verb.Command);
    }

    /// <summary>Checks the options and returns the members <c>msg</c>, <c>alg</c>, <c>ext_kid</c>/<c>pubkey</c>.</summary>
    public Action<Utf8JsonWriter> Read(ParseResult parse, CryptoVerb verb)
    {
        string msg = Message.Read(parse, verb);
        string? alg = CryptoArguments.Alg(CryptoAlgorithms.Digests, parse.GetValue(Alg));
        (string Field, string Value)? peer = Peer.Read(parse);
        if (peer is not null && alg is null)
        {
            throw new CliUsageException("--alg is required with --ext-kid or --pubkey (ECDH key mode, spec §13.1)");
        }

        return writer =>
        {
            writer.WriteString("msg", msg);
            CryptoArguments.WriteIfGiven(writer, "alg", alg);
            if (peer is { } p)
            {
                writer.WriteString(p.Field, p.Value);
            }
        };
    }

    /// <summary>The 406 causes the two HMAC endpoints share.</summary>
    public const string KeyFailures =
        "no key with this kid, or it is neither an HMAC key (SHA2-*/SHA3-*) nor, with a peer, a private ECDH key whose curve matches the peer's";
}
