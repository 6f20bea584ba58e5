using System.CommandLine;
using System.Text.Json;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim crypto mldsa-sign KID</c>: <c>POST /api/crypto/pqc/mldsa/sign</c> (spec §13.12), pure ML-DSA (FIPS 204)
/// with an optional context. Prints the signature (2420, 3309 or 4627 bytes).
/// </summary>
internal static class CryptoMlDsaSignCommand
{
    public const string Path = "/api/crypto/pqc/mldsa/sign";

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var verb = new CryptoVerb("mldsa-sign", "Sign a message with a device ML-DSA key", Path);
        var message = new CryptoMessageOptions("message");
        var ctx = MlDsaContextOption();
        var output = new CryptoOutput();
        message.AddTo(verb.Command);
        verb.Add(ctx);
        output.AddTo(verb.Command);

        return verb.Build(global, host,
            parse => ReadMembers(parse, verb, message, ctx),
            (parse, reply) => output.Present(parse, global, host, reply, Path, "sign"),
            status => status switch
            {
                400 => "the device could not read a field (msg or ctx not base64, ctx over 255 bytes)",
                406 => "no key with this kid, or not an ML-DSA private key",
                _ => null,
            });
    }

    /// <summary>FIPS 204 context (spec §13.12–§13.13): empty when absent; verify needs the one sign used.</summary>
    internal static Option<string?> MlDsaContextOption() =>
        CryptoArguments.Base64Option("--ctx", "FIPS 204 context, base64, at most 255 bytes (empty when absent)");

    /// <summary>The members <c>msg</c> and <c>ctx</c> the two ML-DSA verbs share.</summary>
    internal static Action<Utf8JsonWriter> ReadMembers(ParseResult parse, CryptoVerb verb, CryptoMessageOptions message, Option<string?> ctx)
    {
        string msg = message.Read(parse, verb);
        string? context = CryptoArguments.Base64(parse, ctx);
        return writer =>
        {
            writer.WriteString("msg", msg);
            CryptoArguments.WriteIfGiven(writer, "ctx", context);
        };
    }
}
