using System.Text;
using HemSim.Cli.Keys;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// Local checks of the values the <c>keys</c> verbs send (spec §3.9, §17.1, §17.3, §17.5), so that a typo is
/// refused with a clear message before any request — and before a login costs a PBKDF2 run.
/// </summary>
internal static class KeyArguments
{
    public const int MaxLabelLength = 32;
    public const int MaxDescrBytes = 64;
    public const int KidHexLength = 32;

    /// <summary>The kid in the lowercase spelling the device emits and <c>keymgmt:use:</c> scopes embed.</summary>
    public static string Kid(string text, string what = "KID") =>
        text.Length == KidHexLength && text.All(Uri.IsHexDigit)
            ? text.ToLowerInvariant()
            : throw new CliUsageException($"{what} must be exactly {KidHexLength} hex characters (16 bytes), not '{text}'");

    public static string Type(string name) =>
        KeyTypes.TryNormalise(name, out string type)
            ? type
            : throw new CliUsageException($"unknown key type '{name}'; valid types: {string.Join(", ", KeyTypes.All)}");

    public static string ImportType(string name)
    {
        string type = Type(name);
        return KeyTypes.ImportablePublicKeySizes.ContainsKey(type)
            ? type
            : throw new CliUsageException(
                $"{type} cannot be imported (only public keys of asymmetric types); importable: {string.Join(", ", KeyTypes.ImportablePublicKeySizes.Keys)}");
    }

    public static string DeriveTarget(string name)
    {
        string type = Type(name);
        return KeyTypes.DeriveTargets.Contains(type)
            ? type
            : throw new CliUsageException($"{type} cannot be derived (post-quantum types are not derive targets); valid: {string.Join(", ", KeyTypes.DeriveTargets)}");
    }

    public static string Label(string label) =>
        label.Length is > 0 and <= MaxLabelLength && label.All(c => c is >= ' ' and <= '~')
            ? label
            : throw new CliUsageException($"--label must be 1–{MaxLabelLength} printable ASCII characters");

    /// <summary>A public key for <paramref name="type"/>, checked against spec §17.5; returned as standard base64.</summary>
    public static string PublicKey(string base64, string type, string option = "--pubkey-b64")
    {
        if (!Base64Text.TryDecodeAny(base64, out byte[]? key))
        {
            throw new CliUsageException($"{option} is not valid base64");
        }

        int size = KeyTypes.ImportablePublicKeySizes[type];
        if (key.Length != size)
        {
            throw new CliUsageException($"{option}: a {type} public key is {size} bytes, this one is {key.Length}");
        }

        if (KeyTypes.IsSecp(type) && key[0] is not (0x02 or 0x03))
        {
            throw new CliUsageException($"{option}: a {type} key must be a compressed point (first byte 02 or 03)");
        }

        return Base64Text.Encode(key);
    }

    /// <summary>The description as the device wants it (standard base64), or <c>null</c> when none was given.</summary>
    public static string? Description(string? text, string? base64)
    {
        if (text is not null && base64 is not null)
        {
            throw new CliUsageException("--descr and --descr-b64 exclude each other");
        }

        byte[]? bytes = text is not null
            ? Encoding.UTF8.GetBytes(text)
            : base64 is null
                ? null
                : Base64Text.TryDecodeAny(base64, out byte[]? decoded) ? decoded : throw new CliUsageException("--descr-b64 is not valid base64");
        if (bytes is null)
        {
            return null;
        }

        return bytes.Length <= MaxDescrBytes
            ? Base64Text.Encode(bytes)
            : throw new CliUsageException($"the description is {bytes.Length} bytes; the device takes at most {MaxDescrBytes}");
    }
}
