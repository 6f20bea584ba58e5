using System.CommandLine;
using System.Text.Json;
using HemSim.Cli.Crypto;

namespace HemSim.Cli.Commands;

/// <summary>
/// What <c>crypto sign</c> and <c>crypto verify</c> share (spec §13.3–§13.4): the message, the required
/// <c>--alg</c>, which must fit the key (SHA*WithECDSA for SECP* keys with the ExDSA usage, Ed25519/ph/ctx, Ed448/ph),
/// and the RFC 8032 context <c>--ctx</c> (base64, ≤ 255 bytes, used by the ph/ctx variants and Ed448).
/// </summary>
internal sealed class CryptoSignOptions
{
    public CryptoMessageOptions Message { get; } = new("message");

    public Option<string?> Alg { get; } = CryptoArguments.AlgOption(CryptoAlgorithms.Signatures, "Signature algorithm, fitting the key", required: true);

    public Option<string?> Ctx { get; } = CryptoArguments.Base64Option(
        "--ctx", "Context, base64, at most 255 bytes (Ed25519ph, Ed25519ctx — which needs a non-empty one — Ed448, Ed448ph)");

    public void AddTo(CryptoVerb verb)
    {
        Message.AddTo(verb.Command);
        verb.Add(Alg, Ctx);
    }

    /// <summary>Checks the options and returns the members <c>msg</c>, <c>alg</c>, <c>ctx</c>.</summary>
    public Action<Utf8JsonWriter> Read(ParseResult parse, CryptoVerb verb)
    {
        string msg = Message.Read(parse, verb);
        string alg = CryptoArguments.Alg(CryptoAlgorithms.Signatures, parse.GetValue(Alg))!;
        string? ctx = CryptoArguments.Base64(parse, Ctx);
        return writer =>
        {
            writer.WriteString("msg", msg);
            writer.WriteString("alg", alg);
            CryptoArguments.WriteIfGiven(writer, "ctx", ctx);
        };
    }

    /// <summary>The 406 causes the two ExDSA endpoints share.</summary>
    public const string KeyFailures =
        "no key with this kid, a key that cannot sign (SECP* created without the ExDSA mode, ECDH-only curves), an --alg that does not fit the key, or Ed25519ctx with an empty --ctx";
}
