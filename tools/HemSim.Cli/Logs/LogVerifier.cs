using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace HemSim.Cli.Logs;

/// <summary>
/// Checks an audit-log file as the device wrote it (spec §19.3–§19.4), independently of the simulator's firmware:
/// <list type="number">
/// <item>Lines end in LF alone; every byte is printable ASCII. A line starting with <c>#</c> is a comment (the banner)
/// and may not hold a <c>|</c> (a record glued to it). Empty lines may only trail the file.</item>
/// <item>A record has 7 <c>|</c>-separated fields: sequence, time and type in lowercase hex, result 0/1/2, subject,
/// data, MAC. The first sequence is 0; each next one is the same or one more (the dashboard's rule, [M]).</item>
/// <item>A KEY_INIT record (type 0, result 0) carries a new 32-byte HMAC key K in b64url (field 5) and the Ed25519
/// signature of those 32 bytes under the logger key (field 6). K applies to its own line and every later one.</item>
/// <item>The MAC field must be exactly b64url (no padding) of the first 16 bytes of HMAC-SHA256(K, the line up to
/// and including its last <c>|</c>). Comparing the text, not decoded bytes, also refuses a changed padding bit.</item>
/// </list>
/// The banner is not authenticated by the device, so a change inside it cannot be noticed.
/// </summary>
internal static class LogVerifier
{
    public const int KeySize = 32;
    public const int SignatureSize = 64;
    private const int MacSize = 16;
    private const int FieldCount = 7;

    /// <summary>Verifies <paramref name="file"/> (raw bytes) with the logger's Ed25519 public key.</summary>
    public static LogVerification Verify(ReadOnlySpan<byte> file, ReadOnlySpan<byte> loggerKey)
    {
        if (loggerKey.Length != KeySize)
        {
            throw new ArgumentException($"The logger key has {KeySize} bytes.", nameof(loggerKey));
        }

        var state = new ChainState(loggerKey.ToArray());
        string[] lines = SplitLines(file);
        int lastContent = Array.FindLastIndex(lines, line => line.Length > 0);
        for (int i = 0; i <= lastContent; i++)
        {
            if (Check(lines[i], state) is { } reason)
            {
                return LogVerification.Failure(i + 1, reason, state.Records, state.KeyInits);
            }
        }

        return state.Records == 0
            ? LogVerification.Failure(Math.Max(1, lastContent + 1), "the file holds no records", 0, 0)
            : LogVerification.Success(state.Records, state.KeyInits);
    }

    /// <summary>The lines of the file; a final LF ends the last line rather than starting an empty one.</summary>
    private static string[] SplitLines(ReadOnlySpan<byte> file)
    {
        // Latin-1 maps every byte to one char, so a stray non-ASCII byte is still seen (and refused) where it is.
        string text = Encoding.Latin1.GetString(file);
        if (text.EndsWith('\n'))
        {
            text = text[..^1];
        }

        return text.Length == 0 ? [] : text.Split('\n');
    }

    /// <summary>Null when <paramref name="line"/> verifies (and advances the chain), else the reason it does not.</summary>
    private static string? Check(string line, ChainState state)
    {
        int bad = line.AsSpan().IndexOfAnyExceptInRange((char)0x20, (char)0x7E);
        if (bad >= 0)
        {
            return $"byte 0x{(int)line[bad]:x2} at column {bad + 1} is not printable ASCII";
        }

        if (line.Length == 0)
        {
            return "empty line inside the file";
        }

        if (line[0] == '#')
        {
            return line.Contains('|') ? "a comment line holds a field separator '|'" : null;
        }

        string[] fields = line.Split('|');
        if (fields.Length != FieldCount)
        {
            return $"{fields.Length} fields, a record has {FieldCount}";
        }

        if (!TryHex(fields[0], out long sequence) || !TryHex(fields[1], out _) || !TryHex(fields[2], out long type))
        {
            return "sequence, time and type must be lowercase hex";
        }

        if (fields[3] is not ("0" or "1" or "2"))
        {
            return $"result '{fields[3]}' is not 0, 1 or 2";
        }

        long expected = state.Records == 0 ? 0 : state.LastSequence + 1;
        if (state.Records == 0 ? sequence != 0 : sequence != state.LastSequence && sequence != expected)
        {
            return $"sequence {fields[0]} does not follow {(state.Records == 0 ? "the start of the file" : state.LastSequence.ToString("x", CultureInfo.InvariantCulture))}";
        }

        if (type == 0 && fields[3] == "0" && CheckKeyInit(fields[4], fields[5], state) is { } keyProblem)
        {
            return keyProblem;
        }

        if (state.MacKey is null)
        {
            return "no KEY_INIT record before this one: nothing to check its MAC with";
        }

        string prefix = line[..(line.LastIndexOf('|') + 1)];
        byte[] mac = HMACSHA256.HashData(state.MacKey, Encoding.ASCII.GetBytes(prefix));
        if (!string.Equals(fields[6], Base64Url.EncodeToString(mac.AsSpan(0, MacSize)), StringComparison.Ordinal))
        {
            return "MAC does not match: the line was changed, or it was written under another key";
        }

        state.Records++;
        state.LastSequence = sequence;
        return null;
    }

    /// <summary>Checks a KEY_INIT record's key and signature; on success the key becomes the chain's MAC key.</summary>
    private static string? CheckKeyInit(string keyField, string signatureField, ChainState state)
    {
        if (!TryB64Url(keyField, out byte[] key) || key.Length != KeySize)
        {
            return $"KEY_INIT: the key field is not {KeySize} bytes of b64url";
        }

        if (!TryB64Url(signatureField, out byte[] signature) || signature.Length != SignatureSize)
        {
            return $"KEY_INIT: the signature field is not {SignatureSize} bytes of b64url";
        }

        if (!Ed25519.Verify(signature, 0, state.LoggerKey, 0, key, 0, key.Length))
        {
            return "KEY_INIT: the key's signature does not verify with the logger key";
        }

        state.MacKey = key;
        state.KeyInits++;
        return null;
    }

    /// <summary>Lowercase hex without sign or prefix, as the device writes numbers (spec §19.3).</summary>
    private static bool TryHex(string text, out long value)
    {
        value = 0;
        return text.Length is > 0 and <= 16
            && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            && long.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>b64url without padding, in its one canonical spelling (a different spelling of the same bytes is refused).</summary>
    private static bool TryB64Url(string text, out byte[] bytes)
    {
        bytes = [];
        // IsValid first: the decoder throws, rather than answering false, for a length no encoding has.
        if (text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) || !Base64Url.IsValid(text, out int length))
        {
            return false;
        }

        bytes = new byte[length];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out int written) || written != length)
        {
            return false;
        }

        return string.Equals(Base64Url.EncodeToString(bytes), text, StringComparison.Ordinal);
    }

    /// <summary>What the walk over the file has established so far.</summary>
    private sealed class ChainState(byte[] loggerKey)
    {
        public byte[] LoggerKey { get; } = loggerKey;

        public byte[]? MacKey { get; set; }   // K of the latest verified KEY_INIT; null before the first

        public int Records { get; set; }      // records verified so far

        public int KeyInits { get; set; }     // verified KEY_INIT records so far

        public long LastSequence { get; set; } // sequence of the last verified record
    }
}
