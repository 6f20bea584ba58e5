using System.CommandLine;

namespace HemSim.Cli.Commands;

/// <summary>
/// The peer of an ECDH key mode (spec §13 common rules): a stored key (<c>--ext-kid</c>, may be the KID itself) or a
/// public key (<c>--pubkey</c>, base64 in the spec §17.5 encoding). The device lets <c>ext_kid</c> win when both are
/// sent; the client refuses the pair, as <c>keys derive</c> does, so that what runs is what the user meant.
/// </summary>
internal sealed class CryptoPeerOptions
{
    public Option<string?> ExtKid { get; } = new("--ext-kid") { Description = "ECDH key mode: the peer is this stored key (may be KID itself)", HelpName = "KID" };

    public Option<string?> PublicKey { get; } = CryptoArguments.Base64Option(
        "--pubkey", "ECDH key mode: the peer's public key, base64 (spec §17.5: compressed point for SECP*)", aliases: "--pubkey-b64");

    public void AddTo(Command command)
    {
        command.Add(ExtKid);
        command.Add(PublicKey);
    }

    /// <summary>The peer member (<c>ext_kid</c> or <c>pubkey</c>) and its value, or <c>null</c> for a stored-key request.</summary>
    public (string Field, string Value)? Read(ParseResult parse)
    {
        string? extKid = parse.GetValue(ExtKid);
        string? publicKey = CryptoArguments.Base64(parse, PublicKey);
        return (extKid, publicKey) switch
        {
            (null, null) => null,
            ({ } stored, null) => ("ext_kid", KeyArguments.Kid(stored, "--ext-kid")),
            (null, { } given) => ("pubkey", given),
            _ => throw new CliUsageException("--ext-kid and --pubkey exclude each other"),
        };
    }

    /// <summary>The peer, required (the <c>ecdh</c> verb).</summary>
    public (string Field, string Value) ReadRequired(ParseResult parse) =>
        Read(parse) ?? throw new CliUsageException("give the peer with --ext-kid KID or --pubkey B64");
}
