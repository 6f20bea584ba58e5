using System.CommandLine;
using HemSim.Cli.Images;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>--key SEEDFILE</c> of the image verbs: a private vendor key file, or — when absent — the published HemSim test
/// key (docs/UPGRADE.md §2), announced on stderr so nobody mistakes it for a secret.
/// </summary>
internal sealed class ImageKeyOption
{
    public Option<string?> Key { get; } = new("--key")
    {
        Description = "File with the vendor's Ed25519 seed as base64 (from `hemsim image keygen`); default: the public HemSim test key",
        HelpName = "SEEDFILE",
    };

    public SigningKey Load(ParseResult parse, CliHost host)
    {
        if (parse.GetValue(Key) is { } path)
        {
            return SigningKey.FromFile(path);
        }

        host.Error.WriteLine("note: using the PUBLISHED HemSim test key (not secret; a default simulator trusts it). "
            + "Use --key FILE for a key of your own.");
        return SigningKey.Test();
    }
}
