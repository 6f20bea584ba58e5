using System.CommandLine;
using HemSim.Cli.Crypto;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// Local checks of the values the <c>crypto</c> verbs send: algorithm names (spec §18.1) and base64 fields (spec
/// §3.8). Lengths and limits are left to the device, which answers 400 or 406 with a hint; the client only refuses
/// what can never work.
/// </summary>
internal static class CryptoArguments
{
    public static Option<string?> AlgOption(IReadOnlyList<string> family, string description, bool required = false) => new("--alg")
    {
        Description = $"{description}; one of: {string.Join(", ", family)}",
        HelpName = "ALG",
        Required = required,
    };

    /// <summary>A base64 option: <c>--NAME B64</c>, any alphabet, sent as standard base64.</summary>
    public static Option<string?> Base64Option(string name, string description, bool required = false, params string[] aliases) =>
        new(name, aliases) { Description = description, HelpName = "B64", Required = required };

    /// <summary>The device spelling of <paramref name="name"/> in <paramref name="family"/>, or <c>null</c> when not given.</summary>
    public static string? Alg(IReadOnlyList<string> family, string? name) =>
        name is null
            ? null
            : CryptoAlgorithms.TryNormalise(family, name, out string alg)
                ? alg
                : throw new CliUsageException($"unknown --alg '{name}'; valid: {string.Join(", ", family)}");

    /// <summary>The value of a base64 option as standard base64 (spec §3.8), or <c>null</c> when it was not given.</summary>
    public static string? Base64(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } text
            ? Base64Text.TryDecodeAny(text, out byte[]? bytes) ? Base64Text.Encode(bytes) : throw new CliUsageException($"{option.Name} is not valid base64")
            : null;

    /// <summary>Writes <paramref name="value"/> as member <paramref name="name"/> when it is not <c>null</c>.</summary>
    public static void WriteIfGiven(System.Text.Json.Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
