using System.Text;
using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.Logger;

/// <summary>GET /api/logger/{file} (spec §15.3, format §19.3, chain §19.4).</summary>
[TestClass]
public sealed class LoggerFileTests
{
    [TestMethod]
    public void File_answers_a_closed_file_as_text_plain_banner_then_records_each_ending_in_lf()
    {
        // Arrange
        using var rig = new LoggerRig();
        var previous = rig.CurrentFile;
        rig.Reboot();
        var records = rig.Device.Core.Flash.ReadLogFile(previous);

        // Act
        var response = rig.Get("/api/logger/" + previous);

        // Assert
        response.Status.Should().Be(200);
        response.ContentType.Should().Be("text/plain");
        var text = Encoding.ASCII.GetString(response.Body);
        text.Should().NotContain("\r");
        text.Should().Be("# Encedo HEM v1.2.2-sim (#hemsim)\n" + string.Concat(records.Select(r => r + "\n")));
        records.Should().HaveCountGreaterThan(3);
    }

    [TestMethod]
    public void File_second_to_last_in_the_list_verifies_as_the_vendor_tester_checks_it()
    {
        // Arrange: [T] test_9, two reboots, then the newest closed file.
        using var rig = new LoggerRig();
        rig.Reboot();
        rig.Reboot();
        var (ids, _) = rig.List("/0");
        var key = Convert.FromBase64String(LoggerRig.Json(rig.Get("/api/logger/key"))["key"]!.GetValue<string>());

        // Act
        var response = rig.Get("/api/logger/" + ids[^2]);

        // Assert
        response.Status.Should().Be(200);
        var lines = LoggerRig.Lines(response);
        lines[0].Should().StartWith("#");
        lines.Skip(1).Should().AllSatisfy(l => l.Split('|').Should().HaveCount(7));
        AuditLine.ParseAll(lines).Select(l => (l.Type, l.Result)).Should().StartWith(new[] { (0, 0), (1, 0), (7, 0) });
        AuditLogVerifier.Verify(lines, key).Should().BeEmpty();
    }

    [TestMethod]
    public void File_of_the_current_boot_answers_406_and_writes_nothing()
    {
        // Arrange
        using var rig = new LoggerRig();
        rig.Reboot();
        var token = rig.Token;
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Get("/api/logger/" + rig.CurrentFile, token);

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        response.ContentType.Should().Be("application/json");
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void File_logs_LOGGER_READ_LOG_OK_with_the_file_id_as_data()
    {
        // Arrange
        using var rig = new LoggerRig();
        var previous = rig.CurrentFile;
        rig.Reboot();
        var token = rig.Token;
        var before = rig.Device.AuditLines().Count;

        // Act
        rig.Device.Get("/api/logger/" + previous, token).Status.Should().Be(200);

        // Assert
        var lines = rig.Device.AuditLines();
        lines.Should().HaveCount(before + 1);
        (lines[^1].Type, lines[^1].Result, lines[^1].Subject).Should().Be((LoggerRig.LoggerReadLog, LoggerRig.Ok, "U"));
        lines[^1].DataBytes.Should().Equal(Encoding.ASCII.GetBytes(previous));
        lines[^1].Data.Should().Be(AuditLogVerifier.EncodeB64Url(Encoding.ASCII.GetBytes(previous)));
    }

    [TestMethod]
    public void File_accepts_an_uppercase_id()
    {
        // Arrange: ids are lowercase; the real device opens them on a FAT volume, which ignores case.
        using var rig = new LoggerRig();
        var previous = rig.CurrentFile;
        rig.Reboot();
        rig.WriteOldFiles(0xab);
        var expected = rig.Get("/api/logger/000000ab").Body;

        // Act
        var response = rig.Get("/api/logger/000000AB");

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().Equal(expected);
        rig.Device.LastAuditLine().DataBytes.Should().Equal(Encoding.ASCII.GetBytes("000000ab"));
        rig.Get("/api/logger/" + previous.ToUpperInvariant()).Status.Should().Be(200);
    }

    [TestMethod]
    public void File_is_the_same_on_every_download()
    {
        // Arrange
        using var rig = new LoggerRig();
        var previous = rig.CurrentFile;
        rig.Reboot();

        // Act
        var first = rig.Get("/api/logger/" + previous).Body;
        var second = rig.Get("/api/logger/" + previous).Body;

        // Assert: a closed file never changes; the read is logged in the current file.
        second.Should().Equal(first);
    }

    [TestMethod]
    public void File_that_does_not_exist_answers_404_and_logs_LOGGER_READ_LOG_FAILED()
    {
        // Arrange
        using var rig = new LoggerRig();
        var token = rig.Token;
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Get("/api/logger/0badf11e", token);

        // Assert
        response.Status.Should().Be(404);
        response.Body.Should().BeEmpty();
        var after = DeviceSnapshot.Take(rig.Device);
        after.AuditLines.Should().HaveCount(before.AuditLines.Count + 1);
        after.Slots.Should().Equal(before.Slots);
        after.Config.Should().Be(before.Config);
        var line = rig.Device.LastAuditLine();
        (line.Type, line.Result, line.Subject).Should().Be((LoggerRig.LoggerReadLog, LoggerRig.Failed, "U"));
        line.DataBytes.Should().Equal(Encoding.ASCII.GetBytes("0badf11e"));
    }

    [TestMethod]
    [DataRow("1234567")]
    [DataRow("123456789")]
    [DataRow("1234567g")]
    [DataRow("1234567-")]
    [DataRow("listlist")]
    [DataRow("keys")]
    [DataRow("0x123456")]
    public void File_answers_404_to_an_id_that_is_not_8_hex_characters_and_logs_LOGGER_READ_LOG_FAILED(string id)
    {
        // Arrange
        using var rig = new LoggerRig();
        var token = rig.Token;
        var before = rig.Device.AuditLines().Count;

        // Act
        var response = rig.Device.Get("/api/logger/" + id, token);

        // Assert
        response.Status.Should().Be(404);
        var lines = rig.Device.AuditLines();
        lines.Should().HaveCount(before + 1);
        (lines[^1].Type, lines[^1].Result, lines[^1].Data).Should().Be((LoggerRig.LoggerReadLog, LoggerRig.Failed, ""));
    }

    [TestMethod]
    public void File_written_while_the_rtc_was_unset_still_verifies()
    {
        // Arrange: uptime-based times in f1 (spec §19.3) and a file named after the previous one + 1.
        using var device = new TestDevice(clock: new FakeClock(TestDevice.StartTime, keepTimeOnReset: false));
        device.Provision().Status.Should().Be(200);
        device.Core.Reboot();
        var unsetFile = device.Core.Boot.AuditLog.FileId;
        device.Login("system:config");
        device.Core.Reboot();
        var token = device.Login("logger:get");

        // Act
        var response = device.Get("/api/logger/" + unsetFile, token);

        // Assert
        response.Status.Should().Be(200);
        AuditLogVerifier.Verify(LoggerRig.Lines(response), device.Core.Identity.SignPublic).Should().BeEmpty();
    }
}
