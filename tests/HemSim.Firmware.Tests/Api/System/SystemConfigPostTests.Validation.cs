using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.System.SystemConfigRig;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>POST /api/system/config: field validation, 400 with the 200 shape and nothing applied (spec §11.6).</summary>
public sealed partial class SystemConfigPostTests
{
    private static readonly string s_user73 = new('x', 73);

    [TestMethod]
    [DataRow("user", "\"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\"")] // 73, [T] test_4
    [DataRow("user", "\"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\"")] // 33
    [DataRow("user", "5")]
    [DataRow("email", "\"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\"")] // 65
    [DataRow("email", "true")]
    [DataRow("origin", "[]")]
    [DataRow("trusted_ts", "\"yes\"")]
    [DataRow("trusted_backend", "1")]
    [DataRow("allow_keysearch", "\"true\"")]
    [DataRow("http_option_hsts", "0")]
    [DataRow("ctx", "\"1\"")]
    [DataRow("ctx", "-1")]
    [DataRow("ctx", "1.5")]
    [DataRow("http_option_dosprot_mode", "5")]
    [DataRow("http_option_dosprot_mode", "-1")]
    [DataRow("dnsd", "\"on\"")]
    [DataRow("storage_mode", "true")]
    [DataRow("storage_mode", "256")]
    [DataRow("storage_disk0size", "-1")]
    [DataRow("storage_disk0size", "120979457")]
    [DataRow("storage_disk0size", "9223372036854775807")]
    [DataRow("wipeout", "\"true\"")]
    [DataRow("gen_csr", "1")]
    [DataRow("tls", "\"crt\"")]
    [DataRow("userkey", "\"AAAA\"")]
    public void Post_answers_400_with_updated_false_for_an_invalid_field_and_applies_nothing(string field, string value)
    {
        // Arrange: a valid change rides along and must not be applied either.
        using var device = Provisioned();
        var token = device.Login("system:config");
        var before = DeviceSnapshot.Take(device);
        var body = field == "user" ? $$"""{"user":{{value}}}""" : $$"""{"user":"Valid","{{field}}":{{value}}}""";

        // Act
        var response = device.Post(ConfigPath, body, token);

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().Equal("""{"updated":false}"""u8.ToArray());
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
        device.Core.Config!.User.Should().Be("Test User");
    }

    [TestMethod]
    public void Post_answers_400_for_an_origin_of_129_characters()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post(ConfigPath, $$"""{"origin":"{{new string('o', 129)}}"}""", token);

        // Assert
        response.Status.Should().Be(400);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Post_answers_400_for_a_tls_bundle_the_tls_identity_refuses()
    {
        // Arrange: an empty object is no installable bundle.
        using var device = Provisioned();
        var token = device.Login("system:config");
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post(ConfigPath, """{"tls":{}}""", token);

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().Equal("""{"updated":false}"""u8.ToArray());
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("{\"user\":")]
    [DataRow("[1]")]
    public void Post_answers_400_for_a_body_that_is_not_a_json_object(string body)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post(ConfigPath, body, token);

        // Assert
        response.Status.Should().Be(400);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Post_user_of_73_characters_keeps_the_old_user_and_uts()
    {
        // Arrange: [T] test_4.
        using var device = Provisioned();
        var token = device.Login("system:config");
        device.Clock.Advance(TimeSpan.FromSeconds(3));

        // Act
        var response = device.Post(ConfigPath, $$"""{"user":"{{s_user73}}"}""", token);

        // Assert
        response.Status.Should().Be(400);
        var config = GetConfig(device, token);
        config["user"]!.GetValue<string>().Should().Be("Test User");
        config["uts"]!.GetValue<long>().Should().Be(TestDevice.StartTime);
    }
}
