using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.Auth;

/// <summary>POST /api/auth/init: the cfg object (spec §7.2); a refused cfg leaves the device fresh.</summary>
public sealed partial class AuthInitTests
{
    [TestMethod]
    [DataRow("masterkey")]
    [DataRow("userkey")]
    [DataRow("user")]
    [DataRow("email")]
    [DataRow("hostname")]
    [DataRow("origin")]
    [DataRow("trusted_ts")]
    [DataRow("trusted_backend")]
    [DataRow("allow_keysearch")]
    [DataRow("ip")]
    [DataRow("storage_mode")]
    [DataRow("storage_disk0size")]
    [DataRow("dnsd")]
    public void Provisioning_answers_400_when_a_required_field_is_missing(string field)
    {
        // Arrange
        using var device = new TestDevice();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Provision(cfg => cfg.Remove(field));

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        ShouldStayFresh(device, before);
    }

    [TestMethod]
    [DataRow("user", "5")]
    [DataRow("email", "null")]
    [DataRow("trusted_ts", "\"yes\"")]
    [DataRow("trusted_backend", "1")]
    [DataRow("allow_keysearch", "\"false\"")]
    [DataRow("storage_mode", "\"81\"")]
    [DataRow("storage_mode", "256")]
    [DataRow("storage_disk0size", "-1")]
    [DataRow("storage_disk0size", "120979457")]
    [DataRow("dnsd", "0")]
    [DataRow("ctx", "\"7\"")]
    [DataRow("ctx", "1.5")]
    [DataRow("ip", "\"not-an-ip\"")]
    [DataRow("ip", "\"192.168.7.1/33\"")]
    [DataRow("userkey", "\"AAAA\"")]
    [DataRow("userkey", "\"!!!not base64!!!\"")]
    public void Provisioning_answers_400_to_a_field_of_the_wrong_shape(string field, string json)
    {
        // Arrange
        using var device = new TestDevice();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Provision(cfg => cfg[field] = JsonNode.Parse(json));

        // Assert
        response.Status.Should().Be(400);
        ShouldStayFresh(device, before);
    }

    [TestMethod]
    [DataRow(31)]
    [DataRow(33)]
    public void Provisioning_answers_400_when_userkey_is_not_32_bytes(int length)
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = device.Provision(cfg => cfg["userkey"] = Convert.ToBase64String(new byte[length]));

        // Assert
        response.Status.Should().Be(400);
        device.Core.IsInitialised.Should().BeFalse();
    }

    [TestMethod]
    public void Provisioning_answers_400_when_masterkey_differs_from_iss()
    {
        // Arrange
        using var device = new TestDevice();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Provision(cfg => cfg["masterkey"] = Stranger.PublicText);

        // Assert
        response.Status.Should().Be(400);
        ShouldStayFresh(device, before);
    }

    [TestMethod]
    [DataRow(32, 200)]
    [DataRow(33, 400)]
    public void Provisioning_limits_user_to_32_characters(int length, int expected)
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = device.Provision(cfg => cfg["user"] = new string('u', length));

        // Assert
        response.Status.Should().Be(expected);
    }

    [TestMethod]
    [DataRow("192.168.7.1", "192.168.7.1/24")]
    [DataRow("192.168.7.1/24", "192.168.7.1/24")]
    [DataRow("10.1.2.3/16", "10.1.2.3/16")]
    public void Provisioning_stores_ip_as_cidr(string ip, string stored)
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = device.Provision(cfg => cfg["ip"] = ip);

        // Assert
        response.Status.Should().Be(200);
        device.Core.Config!.Ip.Should().Be(stored);
    }

    [TestMethod]
    public void Provisioning_of_an_epa_does_not_require_the_msc_fields()
    {
        // Arrange
        using var device = new TestDevice(new HemDeviceOptions { Variant = HardwareVariant.Epa });

        // Act
        var response = device.Provision(cfg =>
        {
            cfg.Remove("ip");
            cfg.Remove("storage_mode");
            cfg.Remove("storage_disk0size");
            cfg.Remove("dnsd");
        });

        // Assert
        response.Status.Should().Be(200);
        device.Core.IsInitialised.Should().BeTrue();
    }

    [TestMethod]
    public void Provisioning_ignores_unknown_cfg_fields()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = device.Provision(cfg => cfg["future_option"] = "x");

        // Assert
        response.Status.Should().Be(200);
    }
}
