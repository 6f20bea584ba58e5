using System.Buffers.Binary;
using System.Text;
using FluentAssertions;
using HemSim.Firmware.Api.System;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.System.SystemConfigRig;

namespace HemSim.Firmware.Tests.Api.System;

[TestClass]
public sealed class SystemConfigGetTests
{
    [TestMethod]
    public void Get_answers_every_field_of_the_table_in_order_on_a_ppa()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");

        // Act
        var config = GetConfig(device, token);

        // Assert
        config.Select(p => p.Key).Should().Equal(
            "iat", "uts", "devid", "instanceid", "eid", "eid_sign", "user", "email", "hostname", "dnsd", "trusted_ts",
            "trusted_backend", "allow_keysearch", "origin", "ctx", "ip", "http_option_hsts", "http_option_dosprot_mode",
            "genuine_id", "storage_mode", "storage_disk0size", "storage_capacity", "spk", "nonce");
        config["iat"]!.GetValue<long>().Should().Be(TestDevice.StartTime);
        config["uts"]!.GetValue<long>().Should().Be(TestDevice.StartTime);
        config["devid"]!.GetValue<string>().Should().Be(Convert.ToHexStringLower(device.Core.Identity.DevId)).And.HaveLength(16);
        config["instanceid"]!.GetValue<string>().Should().Be(device.Core.Config!.InstanceId);
        config["eid_sign"]!.GetValue<string>().Should().Be(Convert.ToBase64String(device.Core.Identity.SignPublic));
        config["user"]!.GetValue<string>().Should().Be("Test User");
        config["hostname"]!.GetValue<string>().Should().Be("my.ence.do");
        config["origin"]!.GetValue<string>().Should().Be("*");
        config["ip"]!.GetValue<string>().Should().Be("192.168.7.1/24");
        config["storage_mode"]!.GetValue<long>().Should().Be(81);
        config["storage_disk0size"]!.GetValue<long>().Should().Be(8388608);
        config["storage_capacity"]!.GetValue<long>().Should().Be(SystemStatus.DiskCapacitySectors);
        config["http_option_dosprot_mode"]!.GetValue<long>().Should().Be(0);
    }

    [TestMethod]
    public void Get_answers_the_same_eid_and_spk_as_the_login_challenge()
    {
        // Arrange
        using var device = Provisioned();
        var challenge = TestDevice.Json(device.Get("/api/auth/token"));

        // Act
        var config = GetConfig(device);

        // Assert
        config["eid"]!.GetValue<string>().Should().Be(challenge["eid"]!.GetValue<string>());
        config["spk"]!.GetValue<string>().Should().Be(challenge["spk"]!.GetValue<string>());
    }

    [TestMethod]
    public void Get_issues_a_fresh_32_byte_nonce_that_starts_with_the_time()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");

        // Act
        var first = Convert.FromBase64String(GetConfig(device, token)["nonce"]!.GetValue<string>());
        var second = Convert.FromBase64String(GetConfig(device, token)["nonce"]!.GetValue<string>());

        // Assert
        first.Should().HaveCount(32);
        BinaryPrimitives.ReadUInt32LittleEndian(first).Should().Be((uint)device.Now);
        second.Should().NotEqual(first);
    }

    [TestMethod]
    public void Get_on_an_epa_leaves_out_the_msc_fields()
    {
        // Arrange
        using var device = Provisioned(HardwareVariant.Epa);

        // Act
        var config = GetConfig(device);

        // Assert
        config.Select(p => p.Key).Should().NotContain(["genuine_id", "storage_mode", "storage_disk0size", "storage_capacity"]);
        config.ContainsKey("spk").Should().BeTrue();
    }

    [TestMethod]
    public void Get_answers_a_genuine_id_shaped_like_a_secure_element_serial_that_survives_a_wipe()
    {
        // Arrange
        using var device = Provisioned();
        var before = GetConfig(device)["genuine_id"]!.GetValue<string>();
        device.Post(ConfigPath, """{"wipeout":true}""", device.Login("system:config")).Status.Should().Be(200);
        device.Provision().Status.Should().Be(200);

        // Act
        var after = GetConfig(device)["genuine_id"]!.GetValue<string>();

        // Assert
        before.Should().MatchRegex("^0123[0-9a-f]{10}ee$");
        after.Should().Be(before);
    }

    [TestMethod]
    [DataRow("system:config")]
    [DataRow("logger:get")]
    [DataRow("auth:ext:pair")]
    [DataRow("system:config:more")]
    public void Get_accepts_every_documented_scope_prefix_over_plain_http(string scope)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login(scope);

        // Act
        var response = device.Get(ConfigPath, token, tls: false);

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    public void Get_accepts_a_master_and_an_external_app_token()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var master = device.Get(ConfigPath, device.Login("system:config", TestDevice.Master));
        var external = device.Get(ConfigPath, ExternalToken(device, "auth:ext:pair"));

        // Assert
        master.Status.Should().Be(200);
        external.Status.Should().Be(200);
    }

    [TestMethod]
    public void Get_writes_no_audit_line_on_success()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        var lines = device.AuditLines().Count;

        // Act
        device.Get(ConfigPath, token).Status.Should().Be(200);

        // Assert
        device.AuditLines().Should().HaveCount(lines);
    }

    [TestMethod]
    public void Get_answers_401_without_a_token()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.Get(ConfigPath);

        // Assert
        response.Status.Should().Be(401);
        response.Body.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow("system:reboot")]
    [DataRow("keymgmt:gen")]
    [DataRow("logger")]
    public void Get_answers_403_and_logs_a_failed_scope_check_for_another_scope(string scope)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login(scope);
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Get(ConfigPath, token);

        // Assert
        response.Status.Should().Be(403);
        response.Body.Should().BeEmpty();
        var after = DeviceSnapshot.Take(device);
        after.Config.Should().Be(before.Config);
        after.AuditLines.Should().HaveCount(before.AuditLines.Count + 1);
        var line = device.LastAuditLine();
        (line.Type, line.Result, line.Subject).Should().Be((FailedScopeCheck, 1, "U"));
        line.DataBytes.Should().Equal(Encoding.ASCII.GetBytes(scope));
    }

    [TestMethod]
    public void Get_answers_409_while_a_fault_is_latched()
    {
        // Arrange: §22 #17, 409 even with a token of another scope (state comes before scope, §3.3).
        using var device = Provisioned();
        var token = device.Login("system:config");
        var wrongScope = device.Login("system:reboot");
        device.Core.LatchFault(0x04);

        // Act
        var response = device.Get(ConfigPath, token);
        var refused = device.Get(ConfigPath, wrongScope);

        // Assert
        response.Status.Should().Be(409);
        refused.Status.Should().Be(409);
    }

    [TestMethod]
    public void Get_answers_409_on_a_fresh_device()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = device.Get(ConfigPath);

        // Assert
        response.Status.Should().Be(409);
    }
}
