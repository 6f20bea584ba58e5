using System.Buffers.Binary;
using System.Security.Cryptography;
using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Auth.ExtRig;

namespace HemSim.Firmware.Tests.Api.Auth;

/// <summary>POST /api/auth/ext/mac (spec §10 A7; docs/EXTERNAL-AUTH.md §3).</summary>
[TestClass]
public sealed class ExtMacTests
{
    [TestMethod]
    public void Mac_proves_the_identity_key_to_the_broker()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.Post(MacPath, new { epk = Epk }, PairToken(device), tls: false);

        // Assert
        response.Status.Should().Be(200);
        var json = TestDevice.Json(response);
        json.Select(p => p.Key).Should().Equal("nonce", "mac", "eid");
        var nonce = Convert.FromBase64String(json["nonce"]!.GetValue<string>());
        nonce.Should().HaveCount(32);
        BinaryPrimitives.ReadUInt32LittleEndian(nonce).Should().Be((uint)device.Now);
        Convert.FromBase64String(json["mac"]!.GetValue<string>()).Should().Equal(HMACSHA256.HashData(Kreq(device), nonce));
        json["eid"]!.GetValue<string>().Should().Be(Eid(device));
    }

    [TestMethod]
    [DataRow("{}")]
    [DataRow("""{"epk":"AAAA"}""")]
    public void Mac_answers_400_for_a_bad_epk(string body)
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.Post(MacPath, body, PairToken(device), tls: false);

        // Assert
        response.Status.Should().Be(400);
    }

    [TestMethod]
    public void Mac_answers_403_to_the_master()
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.Post(MacPath, new { epk = Epk }, device.Login("system:config", TestDevice.Master), tls: false);

        // Assert
        response.Status.Should().Be(403);
        (device.LastAuditLine().Type, device.LastAuditLine().Result).Should().Be((FailedScopeCheck, 1));
    }
}
