using System.Buffers.Binary;
using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Rfc8032 = Org.BouncyCastle.Math.EC.Rfc8032;

namespace HemSim.Firmware.Tests.Api.Logger;

/// <summary>GET /api/logger/key (spec §15.1).</summary>
[TestClass]
public sealed class LoggerKeyTests
{
    [TestMethod]
    public void Key_answers_the_signing_key_a_time_nonce_and_its_signature()
    {
        // Arrange
        using var rig = new LoggerRig();

        // Act
        var response = rig.Get("/api/logger/key");

        // Assert
        response.Status.Should().Be(200);
        response.ContentType.Should().Be("application/json");
        var json = LoggerRig.Json(response);
        json.Select(p => p.Key).Should().Equal("key", "nonce", "nonce_signed");
        var key = Convert.FromBase64String(json["key"]!.GetValue<string>());
        var nonce = Convert.FromBase64String(json["nonce"]!.GetValue<string>());
        var signature = Convert.FromBase64String(json["nonce_signed"]!.GetValue<string>());
        key.Should().Equal(rig.SigningKey);
        nonce.Should().HaveCount(32);
        BinaryPrimitives.ReadUInt32LittleEndian(nonce).Should().Be((uint)rig.Device.Now, "spec §3.10: a time nonce");
        signature.Should().HaveCount(64);
        Rfc8032.Ed25519.Verify(signature, 0, key, 0, nonce, 0, nonce.Length).Should().BeTrue();
    }

    [TestMethod]
    public void Key_verifies_the_key_init_line_of_the_audit_file()
    {
        // Arrange
        using var rig = new LoggerRig();

        // Act
        var key = Convert.FromBase64String(LoggerRig.Json(rig.Get("/api/logger/key"))["key"]!.GetValue<string>());

        // Assert: spec §19.4, KEY_INIT is signed with the key L1 publishes.
        AuditLogVerifier.Verify(rig.Device.AuditFile(), key).Should().BeEmpty();
    }

    [TestMethod]
    public void Key_makes_a_new_nonce_for_every_call_and_keeps_the_key()
    {
        // Arrange
        using var rig = new LoggerRig();

        // Act
        var first = LoggerRig.Json(rig.Get("/api/logger/key"));
        var second = LoggerRig.Json(rig.Get("/api/logger/key"));

        // Assert
        second["nonce"]!.GetValue<string>().Should().NotBe(first["nonce"]!.GetValue<string>());
        second["key"]!.GetValue<string>().Should().Be(first["key"]!.GetValue<string>());
    }

    [TestMethod]
    public void Key_is_the_same_after_a_reboot()
    {
        // Arrange
        using var rig = new LoggerRig();
        var before = LoggerRig.Json(rig.Get("/api/logger/key"))["key"]!.GetValue<string>();

        // Act
        rig.Reboot();
        var after = LoggerRig.Json(rig.Get("/api/logger/key"))["key"]!.GetValue<string>();

        // Assert: eid_sign is persistent (spec §4).
        after.Should().Be(before);
    }

    [TestMethod]
    public void Key_writes_nothing_to_the_log_or_the_flash()
    {
        // Arrange
        using var rig = new LoggerRig();
        var token = rig.Token;
        var before = DeviceSnapshot.Take(rig.Device);

        // Act
        var response = rig.Device.Get("/api/logger/key", token);

        // Assert
        response.Status.Should().Be(200);
        DeviceSnapshot.Take(rig.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Key_nonce_carries_the_uptime_while_the_rtc_is_unset()
    {
        // Arrange
        using var device = new TestDevice(clock: new FakeClock(TestDevice.StartTime, keepTimeOnReset: false));
        device.Provision().Status.Should().Be(200);
        device.Core.Reboot();
        device.Clock.Advance(TimeSpan.FromSeconds(42));
        var token = device.Login("logger:get");

        // Act
        var response = device.Get("/api/logger/key", token);

        // Assert: the nonce's time is the device's notion of now, as for every other nonce.
        response.Status.Should().Be(200);
        var nonce = Convert.FromBase64String(LoggerRig.Json(response)["nonce"]!.GetValue<string>());
        BinaryPrimitives.ReadUInt32LittleEndian(nonce).Should().Be(42);
    }
}
