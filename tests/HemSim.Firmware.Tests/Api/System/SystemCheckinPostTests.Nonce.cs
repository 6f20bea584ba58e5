using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>S4: the check-in nonce is single-use, short-lived and dies with the boot (spec §3.10, §4).</summary>
public sealed partial class SystemCheckinPostTests
{
    [TestMethod]
    public void Checkin_answers_401_when_the_answer_is_replayed()
    {
        // Arrange
        using var device = Unset();
        var answer = s_backend.CheckIn(device, "OK", BackendTime);
        PostChecked(device, answer).Status.Should().Be(200);
        device.Clock.Unset();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = PostChecked(device, answer);

        // Assert
        response.Status.Should().Be(401);
        device.Clock.IsSet.Should().BeFalse();
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Checkin_answers_401_when_the_nonce_is_older_than_60_seconds()
    {
        using var device = Unset();
        var answer = s_backend.CheckIn(device, "OK", BackendTime);
        device.Clock.Advance(TimeSpan.FromSeconds(60));

        PostChecked(device, answer).Status.Should().Be(401);

        device.Clock.IsSet.Should().BeFalse();
    }

    [TestMethod]
    public void Checkin_answers_401_for_a_check_of_the_previous_boot()
    {
        using var device = Unset();
        var answer = s_backend.CheckIn(device, "OK", BackendTime);
        device.Core.Reboot();

        PostChecked(device, answer).Status.Should().Be(401);

        device.Clock.IsSet.Should().BeFalse();
    }

    [TestMethod]
    public void A_forged_answer_does_not_burn_the_nonce_of_the_real_one()
    {
        // Arrange: someone who cannot compute the backend MAC sends an answer naming the trusted backend and the
        // device's jti, with a MAC made under another key.
        using var device = Unset();
        var check = TestDevice.Json(device.Get("/api/system/checkin", tls: false))["check"]!.GetValue<string>();
        var forged = Resign(s_backend.Answer(check, "OK", BackendTime), new SystemCheckinBackend(ClientKey.FromSeed(0x67)));
        PostChecked(device, forged).Status.Should().Be(401);

        // Act
        var genuine = PostChecked(device, s_backend.Answer(check, "OK", BackendTime));

        // Assert
        genuine.Status.Should().Be(200);
        device.Clock.IsSet.Should().BeTrue();
    }
}
