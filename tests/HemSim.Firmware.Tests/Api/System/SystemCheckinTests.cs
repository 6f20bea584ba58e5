using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using HemSim.Firmware.Checkin;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>S3 <c>GET /api/system/checkin</c> (spec §11.3, §8.2).</summary>
[TestClass]
public sealed class SystemCheckinTests
{
    private static string Check(TestDevice device) =>
        TestDevice.Json(device.Get("/api/system/checkin", tls: false))["check"]!.GetValue<string>();

    [TestMethod]
    public void Published_test_backend_key_pair_matches()
    {
        KeyAgreementPublic(TestBackendKey.PrivateKey).Should().Equal(TestBackendKey.PublicKey);
    }

    [TestMethod]
    public void Check_answers_200_over_http_on_a_fresh_device_with_the_specified_header_and_claims()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = device.Get("/api/system/checkin", tls: false);

        // Assert
        response.Status.Should().Be(200);
        var body = TestDevice.Json(response);
        body.Select(p => p.Key).Should().Equal("check");
        var check = body["check"]!.GetValue<string>();
        Encoding.UTF8.GetString(JwtText.Decode(check.Split('.')[0])).Should().Be("""{"ecdh":"x25519","typ":"JWT","alg":"HS256"}""");
        var claims = JwtText.Payload(check);
        claims.Select(p => p.Key).Should().Equal("jti", "iss", "qid", "aud", "fws", "bls", "uis", "csn");
        claims["iss"]!.GetValue<string>().Should().Be(device.Core.Boot.SessionPublicText);
        claims["aud"]!.GetValue<string>().Should().Be(TestBackendKey.PublicKeyBase64);
        var jti = Convert.FromBase64String(claims["jti"]!.GetValue<string>());
        jti.Should().HaveCount(32);
        BinaryPrimitives.ReadUInt32LittleEndian(jti).Should().Be((uint)device.Now);
        Convert.FromBase64String(claims["qid"]!.GetValue<string>()).Should().HaveCount(32);
        Convert.FromBase64String(claims["csn"]!.GetValue<string>()).Should().Equal(new byte[16], "no certificate is imported yet");
        var version = TestDevice.Json(device.Get("/api/system/version"));
        claims["fws"]!.GetValue<string>().Should().Be(version["fws"]!.GetValue<string>());
        claims["bls"]!.GetValue<string>().Should().Be(version["bls"]!.GetValue<string>());
        claims["uis"]!.GetValue<string>().Should().Be(version["uis"]!.GetValue<string>());
    }

    [TestMethod]
    public void Check_is_signed_with_the_session_and_backend_shared_secret()
    {
        // Arrange
        using var device = new TestDevice();
        var backend = ClientKey.FromPrivate(TestBackendKey.PrivateKey);

        // Act
        var check = Check(device);

        // Assert
        var parts = check.Split('.');
        var shared = backend.Agree(device.Core.Boot.SessionPublicText);
        var expected = HMACSHA256.HashData(shared, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        JwtText.Decode(parts[2]).Should().Equal(expected);
    }

    [TestMethod]
    public void Check_is_addressed_to_the_configured_backend_key()
    {
        // Arrange
        var other = ClientKey.FromSeed(0x5a);
        using var device = new TestDevice(new HemDeviceOptions { BackendKey = other.Public });

        // Act
        var check = Check(device);

        // Assert
        JwtText.Payload(check)["aud"]!.GetValue<string>().Should().Be(other.PublicText);
        var parts = check.Split('.');
        JwtText.Decode(parts[2]).Should().Equal(
            HMACSHA256.HashData(other.Agree(device.Core.Boot.SessionPublicText), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])));
    }

    [TestMethod]
    public void Check_on_an_epa_has_no_dashboard_hash()
    {
        using var device = new TestDevice(new HemDeviceOptions { Variant = HardwareVariant.Epa });

        JwtText.Payload(Check(device)).Select(p => p.Key).Should().Equal("jti", "iss", "qid", "aud", "fws", "bls", "csn");
    }

    [TestMethod]
    public void Check_issues_a_new_nonce_every_time()
    {
        using var device = new TestDevice();

        var first = JwtText.Payload(Check(device))["jti"]!.GetValue<string>();
        var second = JwtText.Payload(Check(device))["jti"]!.GetValue<string>();

        first.Should().NotBe(second);
    }

    [TestMethod]
    public void Check_qid_is_stable_across_reboots_and_changes_with_provisioning()
    {
        // Arrange
        using var device = new TestDevice();
        var fresh = JwtText.Payload(Check(device))["qid"]!.GetValue<string>();

        // Act
        device.Core.Reboot();
        var afterReboot = JwtText.Payload(Check(device))["qid"]!.GetValue<string>();
        device.Provision().Status.Should().Be(200);
        var provisioned = JwtText.Payload(Check(device))["qid"]!.GetValue<string>();

        // Assert
        afterReboot.Should().Be(fresh);
        provisioned.Should().NotBe(fresh);
    }

    [TestMethod]
    public void Check_works_while_a_fault_is_latched_and_writes_no_audit_line()
    {
        // Arrange
        using var device = new TestDevice();
        device.Core.Boot.FaultState = 0x02;
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Get("/api/system/checkin", tls: false);

        // Assert
        response.Status.Should().Be(200);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Check_with_a_forged_token_answers_401()
    {
        using var device = new TestDevice();

        device.Get("/api/system/checkin", token: "a.b.c", tls: false).Status.Should().Be(401);
    }

    private static byte[] KeyAgreementPublic(byte[] privateKey) =>
        HemSim.Firmware.Crypto.KeyAgreementAlgorithm.X25519.GetPublicKey(privateKey);
}
