using FluentAssertions;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Flash;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Audit;

/// <summary>The test-side spec §19.4 verifier must reject what [T] and [M] reject, or its passes mean nothing.</summary>
[TestClass]
public sealed class AuditLogVerifierTests
{
    private static readonly byte[] SigningSeed = Enumerable.Repeat((byte)0x42, 32).ToArray();
    private static readonly byte[] SigningPublic = SignatureAlgorithm.Ed25519.GetPublicKey(SigningSeed);

    private static List<string> File()
    {
        using var flash = LiteDbFlash.InMemory();
        var log = AuditLog.StartFile(flash, 0x62310ba5, 0x62310ba5, SigningSeed, new ScriptedEntropy());
        log.Append(0x62310ba5, AuditEvent.Startup, AuditResult.Ok, "", []);
        log.Append(0x62310ba5, AuditEvent.SelftestPassed, AuditResult.Ok, "", []);
        log.Append(0x62310ba6, AuditEvent.AuthSuccessInternal, AuditResult.Ok, "U", "keymgmt:gen"u8);
        return flash.ReadLogFile(log.FileId).ToList();
    }

    private static string ReplaceField(string line, int index, string value)
    {
        var fields = line.Split('|');
        fields[index] = value;
        return string.Join('|', fields);
    }

    [TestMethod]
    public void Verifier_accepts_an_untouched_file_with_a_banner()
    {
        // Arrange
        var lines = File();
        lines.Insert(0, "# Encedo HEM v1.2.2-sim");

        // Act
        var problems = AuditLogVerifier.Verify(lines, SigningPublic);

        // Assert
        problems.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow(3, 5, "bW9kaWZpZWQ")]
    [DataRow(3, 4, "M")]
    [DataRow(2, 2, "8")]
    [DataRow(1, 1, "62310ba6")]
    [DataRow(3, 6, "AAAAAAAAAAAAAAAAAAAAAA")]
    public void Verifier_rejects_a_line_with_an_altered_field(int line, int field, string value)
    {
        // Arrange
        var lines = File();
        lines[line] = ReplaceField(lines[line], field, value);

        // Act
        var problems = AuditLogVerifier.Verify(lines, SigningPublic);

        // Assert
        problems.Should().ContainSingle().Which.Should().Contain("MAC");
    }

    [TestMethod]
    public void Verifier_rejects_a_key_init_line_with_a_substituted_key()
    {
        // Arrange: an attacker's own K, with MACs recomputed for every line, but no device signature.
        var lines = File();
        lines[0] = ReplaceField(lines[0], 4, AuditLogVerifier.EncodeB64Url(new byte[32]));

        // Act
        var problems = AuditLogVerifier.Verify(lines, SigningPublic);

        // Assert
        problems.Should().Contain(p => p.Contains("signature", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Verifier_rejects_a_file_signed_by_another_device()
    {
        // Arrange
        var lines = File();
        var otherDevice = SignatureAlgorithm.Ed25519.GetPublicKey(new byte[32]);

        // Act
        var problems = AuditLogVerifier.Verify(lines, otherDevice);

        // Assert
        problems.Should().NotBeEmpty();
    }

    [TestMethod]
    public void Verifier_rejects_a_file_with_a_removed_line()
    {
        // Arrange
        var lines = File();
        lines.RemoveAt(2);

        // Act
        var problems = AuditLogVerifier.Verify(lines, SigningPublic);

        // Assert
        problems.Should().ContainSingle().Which.Should().Contain("sequence");
    }

    [TestMethod]
    public void Verifier_rejects_lines_without_a_key_init_line()
    {
        // Arrange
        var lines = File();
        lines.RemoveAt(0);

        // Act
        var problems = AuditLogVerifier.Verify(lines, SigningPublic);

        // Assert
        problems.Should().NotBeEmpty();
    }
}
