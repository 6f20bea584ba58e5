using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.System.SystemConfigRig;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>POST /api/system/config: user-key rotation (spec §11.6.1).</summary>
public sealed partial class SystemConfigPostTests
{
    private static readonly ClientKey s_newUser = ClientKey.FromSeed(0x33);

    [TestMethod]
    [DataRow("U")]
    [DataRow("M")]
    public void Rotation_replaces_the_user_key_so_only_the_new_passphrase_logs_in(string role)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config", role == "U" ? TestDevice.User : TestDevice.Master);
        var config = GetConfig(device, token);
        device.Clock.Advance(TimeSpan.FromSeconds(10));

        // Act
        var response = device.Post(ConfigPath, RotationBody(s_newUser, config["spk"]!.GetValue<string>(), config["nonce"]!.GetValue<string>()), token);

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().Equal("""{"updated":true}"""u8.ToArray());
        device.Core.Config!.UserKey.Should().Equal(s_newUser.Public);
        device.Core.Config.Uts.Should().Be(TestDevice.StartTime + 10);
        (device.LastAuditLine().Type, device.LastAuditLine().Result, device.LastAuditLine().Subject).Should().Be((ConfigUpdated, 0, role));
        device.LoginResponse("logger:get", s_newUser).Status.Should().Be(200);
        device.LoginResponse("logger:get", TestDevice.User).Status.Should().Be(401);
        device.LoginResponse("logger:get", TestDevice.Master).Status.Should().Be(200);
    }

    [TestMethod]
    public void Rotation_accepts_an_unused_login_challenge_nonce()
    {
        // Arrange: [M]'s debug path proves against the login challenge's jti and spk.
        using var device = Provisioned();
        var token = device.Login("system:config");
        var challenge = TestDevice.Json(device.Get("/api/auth/token"));

        // Act
        var response = device.Post(ConfigPath, RotationBody(s_newUser, challenge["spk"]!.GetValue<string>(), challenge["jti"]!.GetValue<string>()), token);

        // Assert
        response.Status.Should().Be(200);
        device.Core.Config!.UserKey.Should().Equal(s_newUser.Public);
    }

    [TestMethod]
    public void Rotation_answers_406_when_the_nonce_is_used_twice()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        var config = GetConfig(device, token);
        var body = RotationBody(s_newUser, config["spk"]!.GetValue<string>(), config["nonce"]!.GetValue<string>());
        device.Post(ConfigPath, body, token).Status.Should().Be(200);
        var other = ClientKey.FromSeed(0x44);

        // Act
        var response = device.Post(ConfigPath, RotationBody(other, config["spk"]!.GetValue<string>(), config["nonce"]!.GetValue<string>()), token);

        // Assert
        response.Status.Should().Be(406);
        device.Core.Config!.UserKey.Should().Equal(s_newUser.Public);
    }

    [TestMethod]
    public void Rotation_answers_406_when_the_nonce_is_older_than_60_seconds()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        var config = GetConfig(device, token);
        device.Clock.Advance(TimeSpan.FromSeconds(60));

        // Act
        var response = device.Post(ConfigPath, RotationBody(s_newUser, config["spk"]!.GetValue<string>(), config["nonce"]!.GetValue<string>()), token);

        // Assert
        response.Status.Should().Be(406);
        device.Core.Config!.UserKey.Should().Equal(TestDevice.User.Public);
    }

    [TestMethod]
    public void Rotation_answers_406_for_a_nonce_the_device_never_issued()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        var spk = GetConfig(device, token)["spk"]!.GetValue<string>();

        // Act
        var response = device.Post(ConfigPath, RotationBody(s_newUser, spk, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))), token);

        // Assert
        response.Status.Should().Be(406);
        device.Core.Config!.UserKey.Should().Equal(TestDevice.User.Public);
    }

    [TestMethod]
    public void Rotation_answers_406_and_logs_a_failure_when_the_hmac_does_not_match()
    {
        // Arrange: a proof for another key than the one sent.
        using var device = Provisioned();
        var token = device.Login("system:config");
        var config = GetConfig(device, token);
        var body = JsonNode.Parse(RotationBody(ClientKey.FromSeed(0x44), config["spk"]!.GetValue<string>(), config["nonce"]!.GetValue<string>()))!;
        body["userkey"] = s_newUser.PublicText;
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post(ConfigPath, body.ToJsonString(), token);

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        var after = DeviceSnapshot.Take(device);
        after.Config.Should().Be(before.Config);
        after.AuditLines.Should().HaveCount(before.AuditLines.Count + 1);
        (device.LastAuditLine().Type, device.LastAuditLine().Result, device.LastAuditLine().Subject).Should().Be((ConfigUpdated, 1, "U"));
    }

    [TestMethod]
    public void Rotation_answers_406_and_applies_no_other_field_when_the_proof_fails()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        var config = GetConfig(device, token);
        var body = JsonNode.Parse(RotationBody(s_newUser, config["spk"]!.GetValue<string>(), config["nonce"]!.GetValue<string>()))!;
        body["userkey_hmac"] = Convert.ToBase64String(new byte[32]);
        body["user"] = "Not applied";

        // Act
        var response = device.Post(ConfigPath, body.ToJsonString(), token);

        // Assert
        response.Status.Should().Be(406);
        device.Core.Config!.User.Should().Be("Test User");
    }

    [TestMethod]
    public void Rotation_answers_406_for_the_master_key()
    {
        // Arrange: a user key equal to the master key would make every login's role ambiguous.
        using var device = Provisioned();
        var token = device.Login("system:config");
        var config = GetConfig(device, token);

        // Act
        var response = device.Post(ConfigPath, RotationBody(TestDevice.Master, config["spk"]!.GetValue<string>(), config["nonce"]!.GetValue<string>()), token);

        // Assert
        response.Status.Should().Be(406);
        device.Core.Config!.UserKey.Should().Equal(TestDevice.User.Public);
    }

    [TestMethod]
    [DataRow("userkey")]
    [DataRow("userkey_hmac")]
    [DataRow("userkey_nonce")]
    public void Rotation_answers_400_when_one_of_the_three_fields_is_missing(string missing)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        var config = GetConfig(device, token);
        var body = JsonNode.Parse(RotationBody(s_newUser, config["spk"]!.GetValue<string>(), config["nonce"]!.GetValue<string>()))!.AsObject();
        body.Remove(missing);
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post(ConfigPath, body.ToJsonString(), token);

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().Equal("""{"updated":false}"""u8.ToArray());
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Rotation_answers_400_for_a_hmac_that_is_not_32_bytes_and_keeps_the_nonce()
    {
        // Arrange: a 400 consumes nothing, so the corrected request still succeeds.
        using var device = Provisioned();
        var token = device.Login("system:config");
        var config = GetConfig(device, token);
        var good = RotationBody(s_newUser, config["spk"]!.GetValue<string>(), config["nonce"]!.GetValue<string>());
        var bad = JsonNode.Parse(good)!;
        bad["userkey_hmac"] = Convert.ToBase64String(new byte[31]);

        // Act
        var refused = device.Post(ConfigPath, bad.ToJsonString(), token);
        var accepted = device.Post(ConfigPath, good, token);

        // Assert
        refused.Status.Should().Be(400);
        accepted.Status.Should().Be(200);
    }
}
