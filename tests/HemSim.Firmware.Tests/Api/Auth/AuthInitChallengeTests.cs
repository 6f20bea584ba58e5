using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.Auth;

[TestClass]
public sealed class AuthInitChallengeTests
{
    [TestMethod]
    public void Init_challenge_has_exactly_exp_spk_jti_genuine_eid()
    {
        // Arrange
        using var device = new TestDevice();
        device.Clock.Advance(TimeSpan.FromSeconds(3));

        // Act
        var response = device.Get("/api/auth/init", tls: false);

        // Assert
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json.Select(p => p.Key).Should().Equal("exp", "spk", "jti", "genuine", "eid");
        json["exp"]!.GetValue<long>().Should().Be(device.Now + 60);
        json["spk"]!.GetValue<string>().Should().Be(device.Core.Boot.SessionPublicText);
        json["eid"]!.GetValue<string>().Should().Be(Convert.ToBase64String(device.Core.Identity.EidPublic));
        var jti = Convert.FromBase64String(json["jti"]!.GetValue<string>());
        jti.Should().HaveCount(32);
        BinaryPrimitives.ReadUInt32LittleEndian(jti).Should().Be((uint)device.Now);
    }

    [TestMethod]
    public void Init_challenge_genuine_is_three_base64_parts_whose_middle_is_the_decimal_time()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var genuine = TestDevice.Json(device.Get("/api/auth/init"))["genuine"]!.GetValue<string>();

        // Assert
        var parts = genuine.Split('.');
        parts.Should().HaveCount(3);
        parts.Should().AllSatisfy(p => p.Should().NotBeEmpty());
        Convert.FromBase64String(parts[0]).Should().NotBeEmpty();
        Encoding.ASCII.GetString(Convert.FromBase64String(parts[1]))
            .Should().Be(device.Now.ToString(CultureInfo.InvariantCulture));
        Convert.FromBase64String(parts[2]).Should().NotBeEmpty();
    }

    [TestMethod]
    public void Init_challenge_answers_403_while_the_rtc_is_unset()
    {
        // Arrange
        using var device = new TestDevice(clock: new FakeClock());

        // Act
        var response = device.Get("/api/auth/init", tls: false);

        // Assert
        response.Status.Should().Be(403);
        response.Body.Should().BeEmpty();
    }

    [TestMethod]
    public void Init_challenge_answers_406_once_initialised()
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);

        // Act
        var response = device.Get("/api/auth/init", tls: false);

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
    }

    [TestMethod]
    public void Init_challenge_answers_409_while_a_fault_is_latched()
    {
        // Arrange
        using var device = new TestDevice();
        device.Core.Boot.FaultState = 0x02;

        // Act
        var response = device.Get("/api/auth/init");

        // Assert
        response.Status.Should().Be(409);
    }

    [TestMethod]
    public void Init_challenge_writes_no_audit_line()
    {
        // Arrange
        using var device = new TestDevice();
        var before = DeviceSnapshot.Take(device);

        // Act
        device.Get("/api/auth/init").Status.Should().Be(200);

        // Assert
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }
}
