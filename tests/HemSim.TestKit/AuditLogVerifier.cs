using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Crypto;

namespace HemSim.TestKit;

/// <summary>One 7-field audit-log record (spec §19.3), split but not decoded.</summary>
internal sealed record AuditLine(string Text, long Sequence, long Time, int Type, int Result, string Subject, string Data, string Mac)
{
    /// <summary>Text up to and including the last <c>|</c>: what the MAC covers.</summary>
    public string Prefix => Text[..(Text.LastIndexOf('|') + 1)];

    /// <summary>The data field decoded from b64url (empty when the field is empty).</summary>
    public byte[] DataBytes => AuditLogVerifier.DecodeB64Url(Data);

    /// <summary>Parses a 7-field line; null for comments and lines of any other shape (both verifiers skip them).</summary>
    public static AuditLine? TryParse(string text)
    {
        var fields = text.Split('|');
        if (fields.Length != 7
            || !long.TryParse(fields[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var seq)
            || !long.TryParse(fields[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var time)
            || !int.TryParse(fields[2], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var type)
            || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var result))
        {
            return null;
        }
        return new AuditLine(text, seq, time, type, result, fields[4], fields[5], fields[6]);
    }

    public static IReadOnlyList<AuditLine> ParseAll(IEnumerable<string> lines) =>
        lines.Select(TryParse).OfType<AuditLine>().ToList();
}

/// <summary>
/// The audit-log verifier of spec §19.4, written independently of the firmware (as [T]
/// <c>encedo_log_integrity_check</c> and [M] do it): a KEY_INIT line (type 0, result 0) carries K in f4
/// and an Ed25519 signature of the 32 raw bytes of K in f5, checked against the device's <c>eid_sign</c>
/// key; every line, KEY_INIT included ([M]), carries the first 16 bytes of HMAC-SHA256(K, prefix) in f6.
/// Also checks the sequence numbers ([M]: 0, then +1 per line).
/// </summary>
internal static class AuditLogVerifier
{
    /// <summary>Verifies one file's lines; returns the problems found (empty when the file verifies).</summary>
    public static IReadOnlyList<string> Verify(IEnumerable<string> fileLines, byte[] signingPublicKey)
    {
        var problems = new List<string>();
        byte[]? key = null;
        long expectedSequence = 0;
        foreach (var text in fileLines)
        {
            if (text.StartsWith('#'))
            {
                continue;
            }
            var line = AuditLine.TryParse(text);
            if (line is null)
            {
                problems.Add($"not a 7-field record: {text}");
                continue;
            }
            if (line.Sequence != expectedSequence)
            {
                problems.Add($"sequence {line.Sequence:x}, expected {expectedSequence:x}: {text}");
            }
            expectedSequence = line.Sequence + 1;

            if (line.Type == 0 && line.Result == 0)
            {
                var candidate = DecodeB64Url(line.Subject);
                var signature = DecodeB64Url(line.Data);
                if (candidate.Length != 32 || !SignatureAlgorithm.Ed25519.Verify(signingPublicKey, candidate, signature))
                {
                    problems.Add($"KEY_INIT signature does not verify: {text}");
                    key = null;
                    continue;
                }
                key = candidate;
            }
            if (key is null)
            {
                problems.Add($"no verified KEY_INIT before: {text}");
                continue;
            }
            var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(line.Prefix)).AsSpan(0, 16);
            if (!expected.SequenceEqual(DecodeB64Url(line.Mac)))
            {
                problems.Add($"MAC does not verify: {text}");
            }
        }
        return problems;
    }

    /// <summary>Decodes b64url without padding; invalid text decodes to an empty array (a failed check).</summary>
    public static byte[] DecodeB64Url(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }
        var standard = text.Replace('-', '+').Replace('_', '/');
        standard += new string('=', (4 - standard.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(standard);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    public static string EncodeB64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
