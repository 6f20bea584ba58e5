using System.Globalization;
using FluentAssertions;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Flash;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Audit;

[TestClass]
public sealed class AuditLogTests
{
    private static readonly byte[] SigningSeed = Enumerable.Repeat((byte)0x42, 32).ToArray();
    private static byte[] SigningPublic => SignatureAlgorithm.Ed25519.GetPublicKey(SigningSeed);

    /// <summary>Provisioning, a login, a key creation, a refused request and a reboot: every kind of line.</summary>
    private static TestDevice Session()
    {
        var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        var token = device.Login("keymgmt:gen");
        device.Post("/api/keymgmt/create", new { label = "k", type = "ED25519" }, token).Status.Should().Be(200);
        device.Post("/api/keymgmt/create", new { label = "", type = "ED25519" }, token).Status.Should().Be(400);
        device.Get("/api/system/reboot", token).Status.Should().Be(403);
        device.Get("/api/system/reboot", device.Login("system:config")).Status.Should().Be(200);
        return device;
    }

    [TestMethod]
    public void Audit_files_of_a_session_verify_with_the_device_signing_key()
    {
        // Arrange
        using var device = Session();
        var flash = device.Core.Flash;

        // Act
        var problems = flash.ListLogFiles().SelectMany(id => AuditLogVerifier.Verify(flash.ReadLogFile(id), device.Core.Identity.SignPublic)).ToList();

        // Assert
        flash.ListLogFiles().Should().HaveCount(2);
        problems.Should().BeEmpty();
    }

    [TestMethod]
    public void Audit_file_of_a_session_has_the_documented_lines_in_order()
    {
        // Arrange
        using var device = Session();
        var flash = device.Core.Flash;

        // Act
        var lines = AuditLine.ParseAll(flash.ReadLogFile(flash.ListLogFiles()[0]));

        // Assert: KEY_INIT, STARTUP, SELFTEST_PASSED, DEVICE_INITED, AUTH_SUCCESS_INTERNAL, KEY_GENERATION OK,
        // KEY_GENERATION ERROR, FAILED_SCOPE_CHECK, AUTH_SUCCESS_INTERNAL, REBOOT.
        lines.Select(l => (l.Type, l.Result, l.Subject.Length > 2 ? "K" : l.Subject)).Should().Equal(
            (0x00, 0, "K"), (0x01, 0, ""), (0x07, 0, ""), (0x1d, 0, "M"), (0x0d, 0, "U"), (0x14, 0, "U"),
            (0x14, 2, "U"), (0x0c, 1, "U"), (0x0d, 0, "U"), (0x02, 0, "U"));
        lines.Select(l => l.Sequence).Should().Equal(Enumerable.Range(0, lines.Count).Select(i => (long)i));
    }

    [TestMethod]
    public void Audit_lines_carry_the_rtc_time_in_hex_while_it_is_set()
    {
        // Arrange
        using var device = new TestDevice();
        device.Clock.Advance(TimeSpan.FromSeconds(17));

        // Act
        device.Provision().Status.Should().Be(200);

        // Assert
        var text = device.AuditFile()[^1];
        text.Split('|')[1].Should().Be((TestDevice.StartTime + 17).ToString("x8", CultureInfo.InvariantCulture));
        device.AuditFile()[0].Split('|')[1].Should().Be(TestDevice.StartTime.ToString("x", CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void Audit_lines_carry_a_small_uptime_value_while_the_rtc_is_unset()
    {
        // Arrange
        using var device = new TestDevice(clock: new FakeClock());
        device.Clock.Advance(TimeSpan.FromSeconds(30));

        // Act
        device.Get("/api/system/reboot").Status.Should().Be(200);

        // Assert
        var flash = device.Core.Flash;
        var firstFile = AuditLine.ParseAll(flash.ReadLogFile(flash.ListLogFiles()[0]));
        firstFile[^1].Type.Should().Be(0x02);
        firstFile[^1].Time.Should().Be(30);
        firstFile.Should().AllSatisfy(l => l.Time.Should().BeLessThan(10000));
    }

    [TestMethod]
    public void Audit_file_ids_are_ascending_8_digit_lowercase_hex_even_for_boots_in_one_second()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        device.Get("/api/system/reboot").Status.Should().Be(200);
        device.Get("/api/system/reboot").Status.Should().Be(200);
        device.Clock.Advance(TimeSpan.FromSeconds(1));
        device.Get("/api/system/reboot").Status.Should().Be(200);

        // Assert
        var ids = device.Core.Flash.ListLogFiles();
        ids.Should().HaveCount(4).And.OnlyHaveUniqueItems();
        ids.Should().AllSatisfy(id => id.Should().MatchRegex("^[0-9a-f]{8}$"));
        ids.Select(id => uint.Parse(id, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).Should().BeInAscendingOrder();
        ids[0].Should().Be(TestDevice.StartTime.ToString("x8", CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void Audit_file_ids_stay_ascending_when_the_rtc_is_unset_after_a_dated_boot()
    {
        // Arrange
        var clock = new FakeClock(TestDevice.StartTime, keepTimeOnReset: false);
        using var device = new TestDevice(clock: clock);

        // Act: the second boot has no RTC, so its power-up time is 0.
        device.Get("/api/system/reboot").Status.Should().Be(200);

        // Assert
        var ids = device.Core.Flash.ListLogFiles();
        ids.Should().HaveCount(2);
        uint.Parse(ids[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            .Should().BeGreaterThan(uint.Parse(ids[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void Audit_log_starts_each_file_with_a_signed_key_init_line()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();

        // Act
        var log = AuditLog.StartFile(flash, 0x6231_0BA5, 0x6231_0BA5, SigningSeed, new ScriptedEntropy());

        // Assert
        log.FileId.Should().Be("62310ba5");
        var line = AuditLine.TryParse(flash.ReadLogFile(log.FileId).Single())!;
        line.Sequence.Should().Be(0);
        line.Time.Should().Be(0x6231_0BA5);
        (line.Type, line.Result).Should().Be((0, 0));
        var key = AuditLogVerifier.DecodeB64Url(line.Subject);
        key.Should().HaveCount(32);
        line.Subject.Should().HaveLength(43);
        SignatureAlgorithm.Ed25519.Verify(SigningPublic, key, AuditLogVerifier.DecodeB64Url(line.Data)).Should().BeTrue();
        line.Mac.Should().HaveLength(22);
    }

    [TestMethod]
    public void Audit_log_writes_lowercase_hex_fields_and_b64url_data()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        var log = AuditLog.StartFile(flash, 100, 100, SigningSeed, new ScriptedEntropy());

        // Act
        log.Append(0xABCDEF, AuditEvent.DeviceInited, AuditResult.Error, "M", [0xFB, 0xFF, 0xFE]);

        // Assert
        var text = flash.ReadLogFile(log.FileId)[1];
        text.Should().StartWith("1|abcdef|1d|2|M|-__-|");
        text.Split('|').Should().HaveCount(7);
        AuditLogVerifier.Verify(flash.ReadLogFile(log.FileId), SigningPublic).Should().BeEmpty();
    }

    [TestMethod]
    public void Audit_log_leaves_the_data_field_empty_without_data()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        var log = AuditLog.StartFile(flash, 100, 100, SigningSeed, new ScriptedEntropy());

        // Act
        log.Append(5, AuditEvent.Startup, AuditResult.Ok, "", []);

        // Assert
        flash.ReadLogFile(log.FileId)[1].Should().StartWith("1|5|1|0|||");
    }

    [TestMethod]
    public void Audit_log_refuses_a_key_init_line_after_the_first()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        var log = AuditLog.StartFile(flash, 100, 100, SigningSeed, new ScriptedEntropy());

        // Act
        var act = () => log.Append(5, AuditEvent.KeyInit, AuditResult.Ok, "", []);

        // Assert: spec §19.4, only KEY_INIT may read as type 0 and result 0.
        act.Should().Throw<ArgumentException>();
        flash.ReadLogFile(log.FileId).Should().ContainSingle();
    }

    [TestMethod]
    public void Audit_log_draws_a_fresh_key_for_every_file()
    {
        // Arrange
        using var flash = LiteDbFlash.InMemory();
        var entropy = new ScriptedEntropy();

        // Act
        var first = AuditLog.StartFile(flash, 100, 100, SigningSeed, entropy);
        var second = AuditLog.StartFile(flash, 100, 100, SigningSeed, entropy);

        // Assert
        second.FileId.Should().Be("00000065");
        var firstKey = AuditLine.TryParse(flash.ReadLogFile(first.FileId)[0])!.Subject;
        var secondKey = AuditLine.TryParse(flash.ReadLogFile(second.FileId)[0])!.Subject;
        secondKey.Should().NotBe(firstKey);
    }
}
