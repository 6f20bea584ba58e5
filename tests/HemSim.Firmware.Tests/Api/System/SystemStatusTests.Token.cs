using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>GET /api/system/status: the token pre-check (spec §3.3 step 3, §5.2).</summary>
public sealed partial class SystemStatusTests
{
    [TestMethod]
    public void Status_accepts_a_valid_token()
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        var token = device.Login("logger:get");

        // Act
        var response = Status(device, authorization: "Bearer " + token);

        // Assert
        response.Status.Should().Be(200);
    }

    [TestMethod]
    [DataRow("forged")]
    [DataRow("tampered-exp")]
    [DataRow("expired")]
    [DataRow("not-bearer")]
    [DataRow("two-segments")]
    [DataRow("from-previous-boot")]
    public void Status_answers_401_with_an_empty_body_to_an_invalid_token(string kind)
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        var token = device.Login("system:config", exp: device.Now + 30);
        var authorization = kind switch
        {
            "forged" => "Bearer " + Forge(token),
            "tampered-exp" => "Bearer " + WithLaterExpiry(token),
            "not-bearer" => "Basic " + token,
            "two-segments" => "Bearer " + token[..token.LastIndexOf('.')],
            _ => "Bearer " + token,
        };
        if (kind == "expired")
        {
            device.Clock.Advance(TimeSpan.FromSeconds(30));
        }
        if (kind == "from-previous-boot")
        {
            device.Get("/api/system/reboot", token).Status.Should().Be(200);
        }
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = Status(device, authorization: authorization);

        // Assert
        response.Status.Should().Be(401);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Status_accepts_a_token_one_second_before_it_expires()
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);
        var token = device.Login("system:config", exp: device.Now + 30);
        device.Clock.Advance(TimeSpan.FromSeconds(29));

        // Act
        var response = Status(device, authorization: "Bearer " + token);

        // Assert
        response.Status.Should().Be(200);
    }

    /// <summary>[T] test_3: the payload's exp moved a day later, re-encoded, original signature kept.</summary>
    private static string WithLaterExpiry(string token)
    {
        var payload = JwtText.Payload(token);
        payload["exp"] = payload["exp"]!.GetValue<long>() + 86400;
        return JwtText.WithPayload(token, payload.ToJsonString());
    }

    /// <summary>Same header and claims, signed with a key the device never had.</summary>
    private static string Forge(string token)
    {
        var signingInput = token[..token.LastIndexOf('.')];
        var mac = HMACSHA256.HashData(new byte[32], Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + ProofBuilder.B64Url(mac);
    }
}
