using System.Text;
using FluentAssertions;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Routing;

/// <summary>What a request gets when something inside the device breaks: 500, never a lost throttle.</summary>
[TestClass]
public sealed class RequestPipelineDefectTests
{
    [TestMethod]
    public void Handler_defect_answers_500_and_the_login_throttle_still_applies()
    {
        // Arrange
        var entropy = new ArmedEntropy();
        using var device = new TestDevice(new HemDeviceOptions { Entropy = entropy });
        device.Provision().Status.Should().Be(200);
        var challenge = TestDevice.Json(device.Get("/api/auth/token", tls: false));
        var spk = challenge["spk"]!.GetValue<string>();
        var auth = ProofBuilder.ForChallenge(challenge["jti"]!.GetValue<string>(), spk, device.Now + 60, device.Now, TestDevice.User, "keymgmt:gen")
            .Sign(TestDevice.User.Agree(spk));
        entropy.Failure = () => new InvalidOperationException("simulated defect");

        // Act: issuing the token needs a fresh jti from the entropy source.
        var response = device.Post("/api/auth/token", new { auth }, tls: false);

        // Assert
        response.Status.Should().Be(500);
        response.Body.Should().BeEmpty();
        response.DeliverNotBefore.Should().BeGreaterThanOrEqualTo(LoginThrottle.MinimumDelay);
        device.Core.DefectCount.Should().Be(1);
    }

    [TestMethod]
    [DataRow("""{"auth":"\ud800"}""", DisplayName = "lone surrogate value")]
    [DataRow("""{"auth":"x","\udc00":1}""", DisplayName = "lone surrogate name")]
    public void Login_with_undecodable_text_answers_400_with_the_throttle(string body)
    {
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);

        var response = device.Send(ApiRequest.Post("/api/auth/token", Encoding.UTF8.GetBytes(body), isTls: false));

        response.Status.Should().Be(400);
        response.DeliverNotBefore.Should().BeGreaterThanOrEqualTo(LoginThrottle.MinimumDelay);
    }

    [TestMethod]
    public void Create_with_an_undecodable_label_answers_400_and_logs_an_error()
    {
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        var token = device.Login("keymgmt:gen");

        var response = device.Send(ApiRequest.Post("/api/keymgmt/create", """{"label":"\ud800","type":"AES256"}"""u8.ToArray())
            with { Authorization = "Bearer " + token });

        response.Status.Should().Be(400);
        device.Core.Keys.Total.Should().Be(0);
        var line = device.LastAuditLine();
        line.Type.Should().Be(0x14, "KEY_GENERATION");
        line.Result.Should().Be(2, "ERROR on a 400");
    }
}
