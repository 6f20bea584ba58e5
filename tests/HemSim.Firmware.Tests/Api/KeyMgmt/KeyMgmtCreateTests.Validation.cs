using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>POST /api/keymgmt/create: 400 and 406 outcomes, and their audit lines (spec §12.7, §17.3).</summary>
public sealed partial class KeyMgmtCreateTests
{
    private const int KeyGeneration = 0x14, FailedScopeCheck = 0x0c;

    [TestMethod]
    [DataRow(1)]
    [DataRow(32)]
    public void Create_accepts_a_label_of_1_to_32_printable_characters(int length)
    {
        // Arrange
        using var session = new Session();

        // Act
        var response = session.Create(new { label = new string('~', length), type = "AES256" });

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    [DataRow("{\"type\":\"AES256\"}")]
    [DataRow("{\"label\":null,\"type\":\"AES256\"}")]
    [DataRow("{\"label\":\"\",\"type\":\"AES256\"}")]
    [DataRow("{\"label\":\"123456789012345678901234567890123\",\"type\":\"AES256\"}")]
    [DataRow("{\"label\":\"tab\\there\",\"type\":\"AES256\"}")]
    [DataRow("{\"label\":\"caf\\u00e9\",\"type\":\"AES256\"}")]
    [DataRow("{\"label\":\"del\\u007f\",\"type\":\"AES256\"}")]
    [DataRow("{\"label\":5,\"type\":\"AES256\"}")]
    [DataRow("{\"label\":\"k\"}")]
    [DataRow("{\"label\":\"k\",\"type\":\"AES-256\"}")]
    [DataRow("{\"label\":\"k\",\"type\":\"aes256\"}")]
    [DataRow("{\"label\":\"k\",\"type\":\"GENERIC_DER\"}")]
    [DataRow("{\"label\":\"k\",\"type\":7}")]
    [DataRow("{\"label\":\"k\",\"type\":\"AES256\",\"descr\":\"!!!\"}")]
    [DataRow("{\"label\":\"k\",\"type\":\"AES256\",\"descr\":\"QQ==QQ==\"}")]
    [DataRow("{\"label\":\"k\",\"type\":\"AES256\",\"descr\":5}")]
    public void Create_answers_400_to_an_invalid_field_and_logs_an_error(string body)
    {
        // Arrange
        using var session = new Session();
        var slotsBefore = session.Device.Core.Flash.ReadSlots().Count;
        var linesBefore = session.Device.AuditLines().Count;

        // Act
        var response = session.Create(body);

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        session.Device.Core.Flash.ReadSlots().Should().HaveCount(slotsBefore);
        var lines = session.Device.AuditLines();
        lines.Should().HaveCount(linesBefore + 1);
        lines[^1].Type.Should().Be(KeyGeneration);
        lines[^1].Result.Should().Be(2);
        lines[^1].Subject.Should().Be("U");
    }

    [TestMethod]
    [DataRow(64, 200)]
    [DataRow(65, 400)]
    public void Create_limits_descr_to_64_bytes(int length, int expected)
    {
        // Arrange
        using var session = new Session();

        // Act
        var response = session.Create(new { label = "k", type = "AES256", descr = Convert.ToBase64String(new byte[length]) });

        // Assert
        response.Status.Should().Be(expected);
    }

    [TestMethod]
    [DataRow("+/+/")]
    [DataRow("-_-_")]
    [DataRow("QUJD")]
    [DataRow("QUI")]
    [DataRow("QUI=")]
    public void Create_accepts_descr_in_either_base64_alphabet_with_or_without_padding(string descr)
    {
        // Arrange
        using var session = new Session();

        // Act
        var response = session.Create(new { label = "k", type = "AES256", descr });

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    public void Create_answers_406_when_the_keystore_is_full_and_writes_no_key()
    {
        // Arrange
        using var session = new Session(new HemDeviceOptions { KeystoreSlots = 2 });
        session.Create(new { label = "a", type = "AES256" }).Status.Should().Be(200);
        session.Create(new { label = "b", type = "AES256" }).Status.Should().Be(200);
        var slotsBefore = DeviceSnapshot.Take(session.Device).Slots;
        var linesBefore = session.Device.AuditLines().Count;

        // Act
        var response = session.Create(new { label = "c", type = "AES256" });

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        session.Device.Core.Keys.Total.Should().Be(2);
        DeviceSnapshot.Take(session.Device).Slots.Should().Equal(slotsBefore);
        var lines = session.Device.AuditLines();
        lines.Should().HaveCount(linesBefore + 1);
        lines[^1].Type.Should().Be(KeyGeneration);
        lines[^1].Result.Should().Be(1);
    }

    [TestMethod]
    public void Create_answers_406_to_a_key_whose_kid_is_already_stored()
    {
        // Arrange: scripted entropy makes the second AES key equal to the first, so its kid (§17.4) is too.
        var entropy = new ScriptedEntropy();
        using var session = new Session(new HemDeviceOptions { Entropy = entropy });
        var key = Enumerable.Repeat((byte)0x3C, 32).ToArray();
        entropy.Enqueue(key);
        entropy.Enqueue(new byte[12]);
        entropy.Enqueue(key);
        var kid = TestDevice.Json(session.Create(new { label = "first", type = "AES256" }))["kid"]!.GetValue<string>();
        var slotsBefore = DeviceSnapshot.Take(session.Device).Slots;

        // Act
        var response = session.Create(new { label = "second", type = "AES256" });

        // Assert
        response.Status.Should().Be(406);
        DeviceSnapshot.Take(session.Device).Slots.Should().Equal(slotsBefore);
        var line = session.Device.LastAuditLine();
        line.Type.Should().Be(KeyGeneration);
        line.Result.Should().Be(1);
        line.DataBytes.Should().Equal(Convert.FromHexString(kid));
    }

    [TestMethod]
    public void Create_logs_key_generation_ok_with_the_kid()
    {
        // Arrange
        using var session = new Session();
        var linesBefore = session.Device.AuditLines().Count;

        // Act
        var response = session.Create(new { label = "k", type = "SECP256R1", mode = "ExDSA" });

        // Assert
        var kid = TestDevice.Json(response)["kid"]!.GetValue<string>();
        var lines = session.Device.AuditLines();
        lines.Should().HaveCount(linesBefore + 1);
        lines[^1].Type.Should().Be(KeyGeneration);
        lines[^1].Result.Should().Be(0);
        lines[^1].Subject.Should().Be("U");
        lines[^1].DataBytes.Should().Equal(Convert.FromHexString(kid));
    }

    [TestMethod]
    [DataRow("keymgmt:list")]
    [DataRow("keymgmt:ge")]
    [DataRow("keymgmt:use:00112233445566778899aabbccddeeff")]
    public void Create_answers_403_to_another_scope_and_logs_a_failed_scope_check(string scope)
    {
        // Arrange
        using var session = new Session();
        var token = session.Device.Login(scope);
        var slotsBefore = session.Device.Core.Flash.ReadSlots().Count;

        // Act
        var response = session.Device.Post("/api/keymgmt/create", new { label = "k", type = "AES256" }, token);

        // Assert
        response.Status.Should().Be(403);
        session.Device.Core.Flash.ReadSlots().Should().HaveCount(slotsBefore);
        var line = session.Device.LastAuditLine();
        line.Type.Should().Be(FailedScopeCheck);
        line.Result.Should().Be(1);
        line.DataBytes.Should().Equal(global::System.Text.Encoding.ASCII.GetBytes(scope));
    }

    [TestMethod]
    public void Create_accepts_a_longer_scope_that_starts_with_keymgmt_gen()
    {
        // Arrange
        using var session = new Session();
        var token = session.Device.Login("keymgmt:gen:extra");

        // Act
        var response = session.Device.Post("/api/keymgmt/create", new { label = "k", type = "AES256" }, token);

        // Assert
        response.Status.Should().Be(200);
    }
}
