using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.System.SystemConfigRig;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>POST /api/system/config on an initialised device: changes, <c>updated</c>, <c>uts</c> (spec §11.6 (b)).</summary>
[TestClass]
public sealed partial class SystemConfigPostTests
{
    [TestMethod]
    public void Post_user_change_answers_updated_true_and_sets_uts_to_now()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        device.Clock.Advance(TimeSpan.FromSeconds(30));

        // Act
        var response = device.Post(ConfigPath, """{"user":"New Name"}""", token, tls: false);

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().Equal("""{"updated":true}"""u8.ToArray());
        var config = GetConfig(device, token);
        config["user"]!.GetValue<string>().Should().Be("New Name");
        config["uts"]!.GetValue<long>().Should().Be(TestDevice.StartTime + 30);
        config["iat"]!.GetValue<long>().Should().Be(TestDevice.StartTime);
    }

    [TestMethod]
    public void Post_change_bumps_uts_by_one_when_the_clock_did_not_move()
    {
        // Arrange: [T] test_4 compares new uts > old uts right after a change.
        using var device = Provisioned();
        var token = device.Login("system:config");

        // Act
        device.Post(ConfigPath, """{"user":"First"}""", token).Status.Should().Be(200);
        device.Post(ConfigPath, """{"user":"Second"}""", token).Status.Should().Be(200);

        // Assert
        GetConfig(device, token)["uts"]!.GetValue<long>().Should().Be(TestDevice.StartTime + 2);
    }

    [TestMethod]
    public void Post_bumps_uts_when_the_rtc_is_unset()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        device.Clock.Unset();

        // Act
        device.Post(ConfigPath, """{"email":"a@b.c"}""", token).Status.Should().Be(200);

        // Assert
        device.Core.Config!.Uts.Should().Be(TestDevice.StartTime + 1);
    }

    [TestMethod]
    [DataRow("""{"useR":"x"}""")]
    [DataRow("""{"hostname":"other.ence.do","ip":"10.0.0.1/8"}""")]
    [DataRow("""{"user":"Test User","origin":"*"}""")]
    [DataRow("""{"user":null}""")]
    [DataRow("""{"wipeout":false,"gen_csr":false}""")]
    [DataRow("{}")]
    public void Post_without_a_real_change_answers_updated_false_and_keeps_uts(string body)
    {
        // Arrange: unknown fields, fields that cannot change after provisioning, equal values and nulls.
        using var device = Provisioned();
        var token = device.Login("system:config");
        device.Clock.Advance(TimeSpan.FromSeconds(5));
        var config = device.Core.Flash.ReadBlob(Firmware.Config.DeviceConfig.BlobName);

        // Act
        var response = device.Post(ConfigPath, body, token);

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().Equal("""{"updated":false}"""u8.ToArray());
        device.Core.Flash.ReadBlob(Firmware.Config.DeviceConfig.BlobName).Should().Equal(config);
        device.Core.Config!.Hostname.Should().Be("my.ence.do");
    }

    [TestMethod]
    public void Post_changes_every_settable_field_on_a_ppa()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        const string body = """
            {"user":"U2","email":"me@example.com","origin":"https://a.example","trusted_ts":true,"trusted_backend":true,
             "allow_keysearch":true,"http_option_hsts":true,"ctx":7,"http_option_dosprot_mode":4,"dnsd":true,
             "storage_mode":160,"storage_disk0size":1024}
            """;

        // Act
        var response = device.Post(ConfigPath, body, token);

        // Assert
        response.Status.Should().Be(200);
        var c = device.Core.Config!;
        (c.User, c.Email, c.Origin).Should().Be(("U2", "me@example.com", "https://a.example"));
        (c.TrustedTs, c.TrustedBackend, c.AllowKeysearch, c.HttpOptionHsts, c.Dnsd).Should().Be((true, true, true, true, true));
        (c.Ctx, c.HttpOptionDosprotMode, c.StorageMode, c.StorageDisk0Size).Should().Be((7L, 4L, 160L, 1024L));
    }

    [TestMethod]
    public void Post_keeps_changes_across_a_reboot()
    {
        // Arrange
        using var device = Provisioned();
        device.Post(ConfigPath, """{"user":"Kept","allow_keysearch":true}""", device.Login("system:config")).Status.Should().Be(200);

        // Act
        device.Core.Reboot();

        // Assert
        device.Core.Config!.User.Should().Be("Kept");
        device.Core.Config.AllowKeysearch.Should().BeTrue();
    }

    [TestMethod]
    public void Post_accepts_a_user_of_32_characters()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.Post(ConfigPath, $$"""{"user":"{{new string('u', 32)}}"}""", device.Login("system:config"));

        // Assert
        response.Status.Should().Be(200);
        device.Core.Config!.User.Should().HaveLength(32);
    }

    [TestMethod]
    public void Post_ignores_msc_fields_on_an_epa()
    {
        // Arrange
        using var device = Provisioned(HardwareVariant.Epa);

        // Act
        var response = device.Post(ConfigPath, """{"dnsd":"bad","storage_mode":"bad","storage_disk0size":5}""", device.Login("system:config"));

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().Equal("""{"updated":false}"""u8.ToArray());
        device.Core.Config!.StorageDisk0Size.Should().Be(0);
    }

    [TestMethod]
    public void Post_new_origin_governs_cors_from_the_next_request()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");

        // Act
        device.Post(ConfigPath, """{"origin":"https://ok.example"}""", token).Status.Should().Be(200);

        // Assert
        device.Send(ApiRequest.Get("/api/system/status", true) with { Origin = "https://other.example" }).Status.Should().Be(412);
        device.Send(ApiRequest.Get("/api/system/status", true) with { Origin = "https://ok.example" }).Status.Should().Be(200);
    }

    [TestMethod]
    [DataRow("U")]
    [DataRow("M")]
    public void Post_logs_CONFIG_UPDATED_OK_with_the_role_as_subject(string role)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config", role == "U" ? TestDevice.User : TestDevice.Master);

        // Act
        device.Post(ConfigPath, """{"user":"Logged"}""", token).Status.Should().Be(200);

        // Assert
        var line = device.LastAuditLine();
        (line.Type, line.Result, line.Subject, line.Data).Should().Be((ConfigUpdated, 0, role, ""));
    }

    [TestMethod]
    public void Post_logs_CONFIG_UPDATED_OK_also_when_nothing_changed()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        device.Post(ConfigPath, """{"useR":"x"}""", device.Login("system:config")).Status.Should().Be(200);

        // Assert
        (device.LastAuditLine().Type, device.LastAuditLine().Result).Should().Be((ConfigUpdated, 0));
    }
}
