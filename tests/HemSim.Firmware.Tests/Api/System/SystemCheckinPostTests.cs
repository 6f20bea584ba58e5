using System.Buffers.Binary;
using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>S4 <c>POST /api/system/checkin</c> (spec §11.4, §8.3): statuses, RTC and audit.</summary>
[TestClass]
public sealed partial class SystemCheckinPostTests
{
    private const int RtcSet = 0x13;
    private const long BackendTime = 1_800_000_000;

    private static readonly SystemCheckinBackend s_backend = SystemCheckinBackend.Published;

    /// <summary>A device whose RTC is not set, as after power-up without a preset clock.</summary>
    private static TestDevice Unset() => new(clock: new FakeClock(unixSeconds: null));

    private static ApiResponse PostChecked(TestDevice device, string checkedToken) =>
        device.Post("/api/system/checkin", new { @checked = checkedToken }, tls: false);

    [TestMethod]
    public void Checkin_sets_the_rtc_from_iat_and_answers_the_status()
    {
        // Arrange
        using var device = Unset();
        var answer = s_backend.CheckIn(device, "OK", BackendTime);

        // Act
        var response = PostChecked(device, answer);

        // Assert
        response.Status.Should().Be(200);
        TestDevice.Json(response).ToJsonString().Should().Be("""{"status":"OK"}""");
        device.Clock.TryGetUnixTime(out var now).Should().BeTrue();
        now.Should().Be(BackendTime);
        var status = TestDevice.Json(device.Get("/api/system/status"));
        status["time"]!.GetValue<long>().Should().Be(BackendTime);
    }

    [TestMethod]
    public void Checkin_logs_RTC_SET_with_the_new_time_little_endian()
    {
        // Arrange
        using var device = Unset();
        var answer = s_backend.CheckIn(device, "OK", BackendTime);

        // Act
        PostChecked(device, answer).Status.Should().Be(200);

        // Assert
        var line = device.LastAuditLine();
        line.Type.Should().Be(RtcSet);
        line.Result.Should().Be(0);
        line.Subject.Should().BeEmpty();
        line.Time.Should().Be(BackendTime);
        var expected = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(expected, (uint)BackendTime);
        line.DataBytes.Should().Equal(expected);
        AuditLogVerifier.Verify(device.AuditFile(), device.Core.Identity.SignPublic).Should().BeEmpty();
    }

    [TestMethod]
    public void Checkin_moves_a_preset_rtc_to_the_backend_time()
    {
        using var device = new TestDevice();
        var answer = s_backend.CheckIn(device, "OK", BackendTime);

        PostChecked(device, answer).Status.Should().Be(200);

        device.Now.Should().Be(BackendTime);
    }

    [TestMethod]
    public void Checkin_reports_an_unrecognised_status_as_three_question_marks()
    {
        using var device = Unset();
        var answer = s_backend.CheckIn(device, "OK", BackendTime,
            b => b.Payload["status"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        var response = PostChecked(device, answer);

        response.Status.Should().Be(200);
        TestDevice.Json(response)["status"]!.GetValue<string>().Should().Be("???");
        device.Now.Should().Be(BackendTime);
    }

    [TestMethod]
    public void Checkin_accepts_a_backend_configured_with_the_backend_key_option()
    {
        // Arrange
        var backend = new SystemCheckinBackend(ClientKey.FromSeed(0x5a));
        using var device = new TestDevice(new HemDeviceOptions { BackendKey = backend.Key.Public }, new FakeClock(null));
        var answer = backend.CheckIn(device, "OK", BackendTime);

        // Act
        var response = PostChecked(device, answer);

        // Assert
        response.Status.Should().Be(200);
        device.Now.Should().Be(BackendTime);
    }

    [TestMethod]
    [DataRow("{\"checked\":\"a.b.c\"", DisplayName = "unparseable JSON")]
    [DataRow("{}", DisplayName = "checked missing")]
    [DataRow("{\"check\":\"a.b.c\"}", DisplayName = "only check")]
    [DataRow("{\"checked\":null}", DisplayName = "checked null")]
    [DataRow("{\"checked\":42}", DisplayName = "checked a number")]
    [DataRow("[\"a.b.c\"]", DisplayName = "not an object")]
    public void Checkin_answers_400_for_a_malformed_body_and_changes_nothing(string body)
    {
        // Arrange
        using var device = Unset();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Post("/api/system/checkin", body, tls: false);

        // Assert
        response.Status.Should().Be(400);
        response.Body.Should().BeEmpty();
        device.Clock.IsSet.Should().BeFalse();
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("signature", DisplayName = "signature of another key")]
    [DataRow("issuer", DisplayName = "issuer not trusted, signed by that issuer")]
    [DataRow("nonce", DisplayName = "unknown nonce")]
    [DataRow("login-nonce", DisplayName = "nonce of another flow")]
    [DataRow("no-nonce", DisplayName = "aud missing")]
    [DataRow("no-iat", DisplayName = "iat missing")]
    [DataRow("negative-iat", DisplayName = "iat negative")]
    [DataRow("huge-iat", DisplayName = "iat beyond 32 bits")]
    [DataRow("no-status", DisplayName = "status missing")]
    [DataRow("segments", DisplayName = "not three segments")]
    [DataRow("alg", DisplayName = "alg not HS256")]
    public void Checkin_answers_401_for_a_token_that_does_not_verify_and_changes_nothing(string defect)
    {
        // Arrange
        using var device = Unset();
        var check = TestDevice.Json(device.Get("/api/system/checkin", tls: false))["check"]!.GetValue<string>();
        var stranger = new SystemCheckinBackend(ClientKey.FromSeed(0x66));
        var answer = defect switch
        {
            "signature" => Resign(s_backend.Answer(check, "OK", BackendTime), stranger),
            "issuer" => stranger.Answer(check, "OK", BackendTime),
            "nonce" => s_backend.Answer(check, "OK", BackendTime, b => b.Payload["aud"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
            "login-nonce" => LoginNonceAnswer(device, check),
            "no-nonce" => s_backend.Answer(check, "OK", BackendTime, b => b.Payload.Remove("aud")),
            "no-iat" => s_backend.Answer(check, "OK", BackendTime, b => b.Payload.Remove("iat")),
            "negative-iat" => s_backend.Answer(check, "OK", -1),
            "huge-iat" => s_backend.Answer(check, "OK", 1L << 32),
            "no-status" => s_backend.Answer(check, "OK", BackendTime, b => b.Payload.Remove("status")),
            "segments" => string.Join('.', s_backend.Answer(check, "OK", BackendTime).Split('.')[..2]),
            "alg" => s_backend.Answer(check, "OK", BackendTime, b => b.Header = """{"typ":"JWT","alg":"HS512"}"""),
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = PostChecked(device, answer);

        // Assert
        response.Status.Should().Be(401);
        response.Body.Should().BeEmpty();
        device.Clock.IsSet.Should().BeFalse();
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Checkin_works_while_a_fault_is_latched()
    {
        using var device = Unset();
        device.Core.Boot.FaultState = 0x08;
        var answer = s_backend.CheckIn(device, "OK", BackendTime);

        PostChecked(device, answer).Status.Should().Be(200);

        device.Now.Should().Be(BackendTime);
    }

    [TestMethod]
    public void Checkin_lets_a_trusted_ts_device_log_in_again_after_a_reboot()
    {
        // Arrange: trusted_ts on, and a reboot leaves the RTC unset (spec §4), so login answers 403.
        using var device = new TestDevice(clock: new FakeClock(TestDevice.StartTime, keepTimeOnReset: false));
        device.Provision(cfg => cfg["trusted_ts"] = true).Status.Should().Be(200);
        device.Core.Reboot();
        device.Get("/api/auth/token").Status.Should().Be(403);

        // Act
        PostChecked(device, s_backend.CheckIn(device, "OK", BackendTime)).Status.Should().Be(200);

        // Assert
        device.Login("system:config").Should().NotBeEmpty();
    }

    /// <summary>Keeps the claims (trusted issuer, valid nonce), replaces the MAC with one under a key the device never shares.</summary>
    private static string Resign(string token, SystemCheckinBackend signer)
    {
        var parts = token.Split('.');
        var mac = HMACSHA256.HashData(signer.Key.Private, global::System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        return parts[0] + "." + parts[1] + "." + ProofBuilder.B64Url(mac);
    }

    /// <summary>An answer naming a login challenge's jti: a device nonce, but not one issued for check-in.</summary>
    private static string LoginNonceAnswer(TestDevice device, string check)
    {
        // Provisioning and the login challenge need a set RTC (spec §4); it is unset again before the act.
        device.Clock.Set(TestDevice.StartTime);
        device.Provision().Status.Should().Be(200);
        var loginJti = TestDevice.Json(device.Get("/api/auth/token", tls: false))["jti"]!.GetValue<string>();
        device.Clock.Unset();
        return s_backend.Answer(check, "OK", BackendTime, b => b.Payload["aud"] = loginJti);
    }
}
