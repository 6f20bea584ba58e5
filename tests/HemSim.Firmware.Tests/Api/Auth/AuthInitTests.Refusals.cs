using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.Auth;

/// <summary>POST /api/auth/init: body, proof and state refusals (spec §10 A4).</summary>
public sealed partial class AuthInitTests
{
    [TestMethod]
    [DataRow("{}")]
    [DataRow("{\"init\":5}")]
    [DataRow("{\"init\":null}")]
    [DataRow("{\"init\":")]
    public void Provisioning_answers_400_when_init_is_missing_or_not_a_string(string body)
    {
        // Arrange
        using var device = new TestDevice();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post("/api/auth/init", body, tls: false);

        // Assert
        response.Status.Should().Be(400);
        ShouldStayFresh(device, before);
    }

    [TestMethod]
    public void Provisioning_answers_400_when_cfg_is_missing()
    {
        // Arrange
        using var device = new TestDevice();
        var challenge = GetChallenge(device);
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post("/api/auth/init", new { init = InitProof(device, challenge, TestDevice.Master, withConfig: false) }, tls: false);

        // Assert
        response.Status.Should().Be(400);
        ShouldStayFresh(device, before);
    }

    [TestMethod]
    public void Provisioning_answers_401_to_a_proof_not_signed_by_the_iss_key()
    {
        // Arrange
        using var device = new TestDevice();
        var challenge = GetChallenge(device);
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post("/api/auth/init", new { init = InitProof(device, challenge, Stranger) }, tls: false);

        // Assert
        response.Status.Should().Be(401);
        ShouldStayFresh(device, before);
    }

    [TestMethod]
    public void Provisioning_answers_401_to_a_replayed_jti()
    {
        // Arrange
        using var device = new TestDevice();
        var challenge = GetChallenge(device);
        device.Post("/api/auth/init", new { init = InitProof(device, challenge, Stranger) }, tls: false).Status.Should().Be(401);
        var before = DeviceSnapshot.Take(device);

        // Act: a correct proof that reuses the nonce of the failed attempt.
        var response = device.Post("/api/auth/init", new { init = InitProof(device, challenge, TestDevice.Master) }, tls: false);

        // Assert
        response.Status.Should().Be(401);
        ShouldStayFresh(device, before);
    }

    [TestMethod]
    public void Provisioning_answers_401_to_a_jti_the_device_never_issued()
    {
        // Arrange
        using var device = new TestDevice();
        var challenge = GetChallenge(device) with { Jti = Convert.ToBase64String(new byte[32]) };

        // Act
        var response = device.Post("/api/auth/init", new { init = InitProof(device, challenge, TestDevice.Master) }, tls: false);

        // Assert
        response.Status.Should().Be(401);
    }

    [TestMethod]
    public void Provisioning_answers_401_to_a_jti_older_than_60_seconds()
    {
        // Arrange
        using var device = new TestDevice();
        var challenge = GetChallenge(device);
        device.Clock.Advance(TimeSpan.FromSeconds(60));

        // Act
        var response = device.Post("/api/auth/init", new { init = InitProof(device, challenge, TestDevice.Master) }, tls: false);

        // Assert
        response.Status.Should().Be(401);
        device.Core.IsInitialised.Should().BeFalse();
    }

    [TestMethod]
    public void Provisioning_answers_403_while_the_rtc_is_unset()
    {
        // Arrange
        using var device = new TestDevice(clock: new FakeClock());

        // Act
        var response = device.Post("/api/auth/init", new { init = "a.b.c" }, tls: false);

        // Assert
        response.Status.Should().Be(403);
        device.Core.IsInitialised.Should().BeFalse();
    }

    [TestMethod]
    public void Provisioning_answers_409_while_a_fault_is_latched()
    {
        // Arrange
        using var device = new TestDevice();
        var challenge = GetChallenge(device);
        device.Core.Boot.FaultState = 0x08;
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post("/api/auth/init", new { init = InitProof(device, challenge, TestDevice.Master) }, tls: false);

        // Assert
        response.Status.Should().Be(409);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Provisioning_answers_406_once_initialised_and_changes_nothing()
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post("/api/auth/init", new { init = "a.b.c" }, tls: false);

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }
}
