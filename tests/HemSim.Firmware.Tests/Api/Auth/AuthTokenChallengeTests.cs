using System.Buffers.Binary;
using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.Auth;

[TestClass]
public sealed class AuthTokenChallengeTests
{
    [TestMethod]
    public void Challenge_has_exactly_exp_spk_jti_lbl_eid()
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision(cfg => cfg["user"] = "Alice").Status.Should().Be(200);
        device.Clock.Advance(TimeSpan.FromSeconds(5));

        // Act
        var response = device.Get("/api/auth/token", tls: false);

        // Assert
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json.Select(p => p.Key).Should().Equal("exp", "spk", "jti", "lbl", "eid");
        json["exp"]!.GetValue<long>().Should().Be(device.Now + 60);
        json["spk"]!.GetValue<string>().Should().Be(device.Core.Boot.SessionPublicText);
        Convert.FromBase64String(json["spk"]!.GetValue<string>()).Should().Equal(device.Core.Boot.SessionPublic);
        json["lbl"]!.GetValue<string>().Should().Be("Alice");
        json["eid"]!.GetValue<string>().Should().Be(Convert.ToBase64String(device.Core.Identity.EidPublic));
    }

    [TestMethod]
    public void Challenge_jti_is_32_bytes_starting_with_the_little_endian_time()
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        device.Clock.Advance(TimeSpan.FromSeconds(77));

        // Act
        var jti = Convert.FromBase64String(TestDevice.Json(device.Get("/api/auth/token"))["jti"]!.GetValue<string>());

        // Assert
        jti.Should().HaveCount(32);
        BinaryPrimitives.ReadUInt32LittleEndian(jti).Should().Be((uint)device.Now);
    }

    [TestMethod]
    public void Challenge_jti_differs_between_calls()
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);

        // Act
        var first = TestDevice.Json(device.Get("/api/auth/token"))["jti"]!.GetValue<string>();
        var second = TestDevice.Json(device.Get("/api/auth/token"))["jti"]!.GetValue<string>();

        // Assert
        second.Should().NotBe(first);
    }

    [TestMethod]
    public void Challenge_eid_equals_the_eid_of_the_provisioning_challenge()
    {
        // Arrange
        using var device = new TestDevice();
        var initEid = TestDevice.Json(device.Get("/api/auth/init"))["eid"]!.GetValue<string>();
        device.Provision().Status.Should().Be(200);

        // Act
        var eid = TestDevice.Json(device.Get("/api/auth/token"))["eid"]!.GetValue<string>();

        // Assert
        eid.Should().Be(initEid);
    }

    [TestMethod]
    public void Challenge_answers_409_on_a_fresh_device()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = device.Get("/api/auth/token", tls: false);

        // Assert
        response.Status.Should().Be(409);
        response.Body.Should().BeEmpty();
    }

    [TestMethod]
    public void Challenge_answers_409_while_a_fault_is_latched()
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        device.Core.Boot.FaultState = 0x01;

        // Act
        var response = device.Get("/api/auth/token");

        // Assert
        response.Status.Should().Be(409);
    }

    [TestMethod]
    [DataRow(true, false, 403)]
    [DataRow(true, true, 200)]
    [DataRow(false, false, 200)]
    [DataRow(false, true, 200)]
    public void Challenge_answers_403_only_when_trusted_ts_is_on_and_the_rtc_is_unset(bool trustedTs, bool rtcSet, int expected)
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision(cfg => cfg["trusted_ts"] = trustedTs).Status.Should().Be(200);
        if (!rtcSet)
        {
            device.Clock.Unset();
        }

        // Act
        var response = device.Get("/api/auth/token");

        // Assert
        response.Status.Should().Be(expected);
    }

    [TestMethod]
    public void Challenge_writes_no_audit_line()
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        var before = DeviceSnapshot.Take(device);

        // Act
        device.Get("/api/auth/token").Status.Should().Be(200);

        // Assert
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }
}
