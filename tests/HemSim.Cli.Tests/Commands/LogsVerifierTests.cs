using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using HemSim.Cli.Logs;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace HemSim.Cli.Tests.Commands;

/// <summary>The CLI's own audit-log verifier (spec §19.3–§19.4), on the vendor's sample file and on generated ones.</summary>
[TestClass]
public sealed class LogsVerifierTests
{
    [TestMethod]
    public void Verifier_accepts_the_vendor_sample_file_with_the_vendor_sample_key()
    {
        // Real-hardware vector: hem-api-docs docs/reference/api-reference/audit-log.mdx (key of GET /api/logger/key and
        // the file of GET /api/logger/{file}, same device).
        LogVerification result = LogVerifier.Verify(Encoding.ASCII.GetBytes(VendorSample.File), Convert.FromBase64String(VendorSample.Key));

        result.Should().Be(LogVerification.Success(records: 7, keyInits: 1));
    }

    [TestMethod]
    public void Verifier_accepts_a_generated_file_with_a_key_rotation()
    {
        byte[] file = SignedLog.Build(SignedLog.Seed, records: 12, rotateAt: 6);

        LogVerification result = LogVerifier.Verify(file, SignedLog.PublicKey(SignedLog.Seed));

        result.Should().Be(LogVerification.Success(records: 12, keyInits: 2));
    }

    [TestMethod]
    public void Verifier_flags_the_line_of_any_flipped_byte_outside_the_banner()
    {
        // Arrange: property over every byte of every record (and every line end), several flip masks each.
        byte[] original = SignedLog.Build(SignedLog.Seed, records: 8, rotateAt: 5);
        byte[] key = SignedLog.PublicKey(SignedLog.Seed);
        int bannerEnd = Array.IndexOf(original, (byte)'\n');
        var random = new Random(19);
        var positions = new List<int> { 0 }; // the banner's '#': a banner that stops being a comment is a bad line
        positions.AddRange(Enumerable.Range(bannerEnd, original.Length - bannerEnd));

        foreach (int position in positions)
        {
            foreach (byte mask in new byte[] { 0x01, 0x02, 0x10, 0x20, 0x40, 0x80, (byte)random.Next(1, 256) })
            {
                byte[] tampered = (byte[])original.Clone();
                tampered[position] ^= mask;

                // Act
                LogVerification result = LogVerifier.Verify(tampered, key);

                // Assert: the line holding the flipped byte (an LF belongs to the line it ends).
                int line = original.AsSpan(0, position).Count((byte)'\n') + 1;
                result.Verified.Should().BeFalse($"byte {position} ^ 0x{mask:x2} must not verify");
                result.Line.Should().Be(line, $"byte {position} ^ 0x{mask:x2} is on line {line} ({result.Reason})");
            }
        }
    }

    [TestMethod]
    public void Verifier_does_not_authenticate_the_banner_text()
    {
        // The device signs nothing in the comment line; a changed banner is still a comment.
        byte[] file = SignedLog.Build(SignedLog.Seed, records: 3);
        file[3] ^= 0x01;

        LogVerifier.Verify(file, SignedLog.PublicKey(SignedLog.Seed)).Verified.Should().BeTrue();
    }

    [TestMethod]
    public void Verifier_refuses_a_file_signed_by_another_logger_key_at_its_key_init_line()
    {
        byte[] file = SignedLog.Build(SignedLog.Seed, records: 4);

        LogVerification result = LogVerifier.Verify(file, SignedLog.PublicKey(Enumerable.Repeat((byte)7, 32).ToArray()));

        result.Should().Be(LogVerification.Failure(2, "KEY_INIT: the key's signature does not verify with the logger key", 0, 0));
    }

    [TestMethod]
    public void Verifier_refuses_records_before_any_key_init()
    {
        string text = Encoding.ASCII.GetString(SignedLog.Build(SignedLog.Seed, records: 4));
        string[] lines = text.Split('\n');
        byte[] withoutKeyInit = Encoding.ASCII.GetBytes(string.Join('\n', lines.Where((_, i) => i != 1)));

        LogVerification result = LogVerifier.Verify(withoutKeyInit, SignedLog.PublicKey(SignedLog.Seed));

        result.Verified.Should().BeFalse();
        result.Line.Should().Be(2);
        result.Reason.Should().Be("sequence 1 does not follow the start of the file");
    }

    [TestMethod]
    public void Verifier_refuses_a_removed_line_at_the_line_after_the_gap()
    {
        string[] lines = Encoding.ASCII.GetString(SignedLog.Build(SignedLog.Seed, records: 6)).Split('\n');
        byte[] gap = Encoding.ASCII.GetBytes(string.Join('\n', lines.Where((_, i) => i != 4)));

        LogVerification result = LogVerifier.Verify(gap, SignedLog.PublicKey(SignedLog.Seed));

        (result.Verified, result.Line, result.Records).Should().Be((false, 5, 3));
        result.Reason.Should().StartWith("sequence 4 does not follow 2");
    }

    [TestMethod]
    public void Verifier_refuses_crlf_line_ends()
    {
        string text = Encoding.ASCII.GetString(SignedLog.Build(SignedLog.Seed, records: 3));

        LogVerification result = LogVerifier.Verify(Encoding.ASCII.GetBytes(text.Replace("\n", "\r\n")), SignedLog.PublicKey(SignedLog.Seed));

        (result.Verified, result.Line).Should().Be((false, 1));
        result.Reason.Should().Contain("0x0d");
    }

    [TestMethod]
    public void Verifier_accepts_a_last_line_without_lf_and_trailing_empty_lines()
    {
        byte[] key = SignedLog.PublicKey(SignedLog.Seed);
        string text = Encoding.ASCII.GetString(SignedLog.Build(SignedLog.Seed, records: 3));

        LogVerifier.Verify(Encoding.ASCII.GetBytes(text.TrimEnd('\n')), key).Verified.Should().BeTrue();
        LogVerifier.Verify(Encoding.ASCII.GetBytes(text + "\n\n"), key).Verified.Should().BeTrue();
    }

    [TestMethod]
    public void Verifier_refuses_a_file_without_records()
    {
        LogVerifier.Verify("# Encedo HEM v1.2.2\n"u8, SignedLog.PublicKey(SignedLog.Seed))
            .Should().Be(LogVerification.Failure(1, "the file holds no records", 0, 0));
        LogVerifier.Verify([], SignedLog.PublicKey(SignedLog.Seed)).Verified.Should().BeFalse();
    }
}

/// <summary>The vendor's documented sample (hem-api-docs, audit-log.mdx): one device's logger key, signed nonce and log file.</summary>
internal static class VendorSample
{
    public const string Key = "T61jY1AgV5XUW++eAcQibRDFOl5KjKwLGdo+U0def8A=";
    public const string Nonce = "P4M0YrCmPemejJg2zRYFPl4uZu7p8kG1IQDnrRHLMZg=";
    public const string NonceSigned = "/rgJmzoAbGLIQEg/meAxF2vrYWcvFnbeMNkaQDfS8RKvaBuj7/HPcObkz9X0HX+V53xyh8YJR+lJ6AO727PRBQ==";

    public const string File = """
        # Encedo HEM v0.9.77 (#ff0a263)
        0|62310ba5|0|0|NgPWx9MnmngrKa7xkSuQnDcwBlDV5JeR0OoX6gFyMpo|sMfJhY2jjkQLb7dVGlWf_GynEOTZVh5tO33k8Iq52jB0CAECs1ysU3NenhlmWBWyTo1XEaqL-ysBVB7quNHDBA|XEwWbRXrh65JPjAjb-9bwg
        1|62310ba5|1|0|||rfB1gKL0hTi5tGh8PDerAA
        2|62310ba5|7|0|||dsutQDgmuLtecPIwPDctdA
        3|62310ba5|13|0||NQsxYg|bODm1bUzTiX6qS7LheDJFA
        4|62310ba6|1d|0|M||9b_vMf0QXC-qEhi-kQ4zpg
        5|62310bdd|12|0|U||Rhwgm9ZQx-RGfrjESNxhDQ
        6|62310c0c|2|0|U||IhCfo8F_OHBLhgOGXE5vPA

        """;

    public static string KeyAnswer => $$"""{"key":"{{Key}}","nonce":"{{Nonce}}","nonce_signed":"{{NonceSigned}}"}""";
}

/// <summary>
/// Writes audit-log files the way spec §19.3–§19.4 describes them, for the verifier tests: written here, from the spec,
/// so that it shares nothing with the CLI's verifier or the firmware.
/// </summary>
internal static class SignedLog
{
    public static readonly byte[] Seed = SHA256.HashData("HemSim CLI log tests"u8);

    public static byte[] PublicKey(byte[] seed)
    {
        byte[] publicKey = new byte[32];
        Ed25519.GeneratePublicKey(seed, 0, publicKey, 0);
        return publicKey;
    }

    /// <summary>A banner and <paramref name="records"/> records, the first a KEY_INIT, a second KEY_INIT at <paramref name="rotateAt"/>.</summary>
    public static byte[] Build(byte[] seed, int records, int rotateAt = -1)
    {
        var text = new StringBuilder("# Encedo HEM v1.2.2-test (#cli)\n");
        byte[] key = [];
        int[] types = [0x1, 0x7, 0x13, 0xd, 0x14, 0x20, 0x9, 0xb, 0x2];
        for (int seq = 0; seq < records; seq++)
        {
            string prefix;
            if (seq == 0 || seq == rotateAt)
            {
                key = SHA256.HashData(Encoding.ASCII.GetBytes("K" + seq));
                byte[] signature = new byte[64];
                Ed25519.Sign(seed, 0, key, 0, key.Length, signature, 0);
                prefix = $"{seq:x}|6931{seq:x4}|0|0|{B64Url(key)}|{B64Url(signature)}|";
            }
            else
            {
                string subject = seq % 3 == 0 ? "U" : "";
                string data = seq % 2 == 0 ? B64Url(Encoding.ASCII.GetBytes("data" + seq)) : "";
                prefix = $"{seq:x}|6931{seq:x4}|{types[seq % types.Length]:x}|{seq % 3}|{subject}|{data}|";
            }

            text.Append(prefix).Append(B64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(prefix)).AsSpan(0, 16))).Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    public static string B64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
