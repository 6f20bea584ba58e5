using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.System;

/// <summary>S16 <c>GET /api/system/selftest</c>: access, the answer's fields and <c>repo_stats</c> (spec §11.16).</summary>
[TestClass]
public sealed partial class SystemSelfTestTests
{
    private const string Path = "/api/system/selftest";
    private const int NonSecureState = 0x08, KeyIntegrityError = 0x18, TrngFailed = 0x05, FailedScopeCheck = 0x0c;

    private static TestDevice Provisioned(HemDeviceOptions? options = null)
    {
        var device = new TestDevice(options);
        device.Provision().Status.Should().Be(200);
        return device;
    }

    private static JsonObject SelfTest(TestDevice device, string? token)
    {
        var response = device.Get(Path, token);
        response.Status.Should().Be(200);
        return TestDevice.Json(response);
    }

    [TestMethod]
    public void Selftest_of_a_fresh_device_needs_no_token_and_answers_every_field()
    {
        // Arrange
        using var device = new TestDevice(new HemDeviceOptions { KeystoreSlots = 16 });

        // Act
        var response = device.Get(Path, tls: false);

        // Assert
        response.Status.Should().Be(200);
        var body = TestDevice.Json(response);
        body.Select(p => p.Key).Should().Equal(
            "last_selftest_ts", "last_fls_state", "last_entropytest_ts", "last_kat_ts", "fls_state", "selftest_ts", "repo_stats", "se_state");
        body["fls_state"]!.GetValue<int>().Should().Be(0);
        body["se_state"]!.GetValue<int>().Should().Be(0);
        body["repo_stats"]!.ToJsonString().Should().Be("""{"total":0,"deleted":0,"invalid":0,"fragmented":0,"freeslots":16}""");
    }

    [TestMethod]
    public void Selftest_never_reports_kat_busy_because_the_kat_runs_synchronously()
    {
        using var device = new TestDevice();

        var body = TestDevice.Json(device.Get(Path));

        body.ContainsKey("kat_busy").Should().BeFalse();
    }

    [TestMethod]
    public void Selftest_on_epa_hardware_has_no_secure_element_state()
    {
        using var device = new TestDevice(new HemDeviceOptions { Variant = HardwareVariant.Epa });

        var body = TestDevice.Json(device.Get(Path));

        body.ContainsKey("se_state").Should().BeFalse();
        body["fls_state"]!.GetValue<int>().Should().Be(0);
    }

    [TestMethod]
    public void Selftest_of_an_initialised_device_answers_401_without_a_token_and_leaves_no_trace()
    {
        // Arrange
        using var device = Provisioned();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Get(Path);

        // Assert
        response.Status.Should().Be(401);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Selftest_answers_401_to_a_forged_token()
    {
        using var device = new TestDevice();

        var response = device.Get(Path, "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.e30.AAAA");

        response.Status.Should().Be(401);
    }

    [TestMethod]
    [DataRow("system:config")]
    [DataRow("keymgmt:gen")]
    [DataRow("logger:get")]
    [DataRow("anything at all")]
    public void Selftest_accepts_a_token_of_any_scope_without_a_scope_check(string scope)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login(scope);
        var linesBefore = device.AuditLines().Count;

        // Act
        var response = device.Get(Path, token, tls: false);

        // Assert: spec §5.4, selftest is an "any valid token" endpoint; no FAILED_SCOPE_CHECK is written.
        response.Status.Should().Be(200);
        device.AuditLines().Skip(linesBefore).Select(l => l.Type).Should().NotContain(FailedScopeCheck);
    }

    [TestMethod]
    public void Selftest_accepts_a_master_token()
    {
        using var device = Provisioned();

        var response = device.Get(Path, device.Login("system:config", TestDevice.Master));

        response.Status.Should().Be(200);
    }

    [TestMethod]
    public void First_selftest_of_a_boot_reports_the_power_up_selftest_as_the_last_one()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        device.Clock.Advance(TimeSpan.FromSeconds(90));

        // Act
        var body = SelfTest(device, token);

        // Assert: the power-up self-test ran at StartTime; this one runs 90 s later.
        body["last_selftest_ts"]!.GetValue<long>().Should().Be(TestDevice.StartTime);
        body["last_fls_state"]!.GetValue<int>().Should().Be(0);
        body["last_entropytest_ts"]!.GetValue<long>().Should().Be(TestDevice.StartTime);
        body["last_kat_ts"]!.GetValue<long>().Should().Be(TestDevice.StartTime);
        body["selftest_ts"]!.GetValue<long>().Should().Be(TestDevice.StartTime + 90);
    }

    [TestMethod]
    public void Selftest_reports_the_previous_run_in_its_last_fields()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        device.Clock.Advance(TimeSpan.FromSeconds(10));
        var first = SelfTest(device, token);
        device.Core.Boot.FaultState = 0x04;
        device.Clock.Advance(TimeSpan.FromSeconds(20));
        var second = SelfTest(device, token);
        device.Clock.Advance(TimeSpan.FromSeconds(30));

        // Act
        var third = SelfTest(device, token);

        // Assert
        second["last_selftest_ts"]!.GetValue<long>().Should().Be(first["selftest_ts"]!.GetValue<long>());
        second["last_kat_ts"]!.GetValue<long>().Should().Be(TestDevice.StartTime + 10);
        second["last_entropytest_ts"]!.GetValue<long>().Should().Be(TestDevice.StartTime + 10);
        second["last_fls_state"]!.GetValue<int>().Should().Be(0);
        second["fls_state"]!.GetValue<int>().Should().Be(0x04);
        third["last_selftest_ts"]!.GetValue<long>().Should().Be(TestDevice.StartTime + 30);
        third["last_fls_state"]!.GetValue<int>().Should().Be(0x04);
        third["selftest_ts"]!.GetValue<long>().Should().Be(TestDevice.StartTime + 60);
    }

    [TestMethod]
    public void Selftest_times_are_uptime_seconds_while_the_rtc_is_unset()
    {
        // Arrange
        using var device = new TestDevice(clock: new FakeClock(unixSeconds: null));
        device.Clock.Advance(TimeSpan.FromSeconds(42));

        // Act
        var body = SelfTest(device, token: null);

        // Assert
        body["last_selftest_ts"]!.GetValue<long>().Should().Be(0);
        body["selftest_ts"]!.GetValue<long>().Should().Be(42);
    }

    [TestMethod]
    public void Selftest_counts_used_deleted_and_free_slots()
    {
        // Arrange
        using var device = Provisioned(new HemDeviceOptions { KeystoreSlots = 8 });
        var gen = device.Login("keymgmt:gen");
        var kids = Enumerable.Range(0, 3)
            .Select(i => TestDevice.Json(device.Post("/api/keymgmt/create", new { label = $"k{i}", type = "AES256" }, gen))["kid"]!.GetValue<string>())
            .ToList();
        device.Send(ApiRequest.Get("/api/keymgmt/delete/" + kids[1]) with { Method = "DELETE", Authorization = "Bearer " + device.Login("keymgmt:del") })
            .Status.Should().Be(200);

        // Act
        var body = SelfTest(device, gen);

        // Assert: spec §17.7; a deleted slot awaits defragmentation until it is reused, so fragmented = deleted.
        body["repo_stats"]!.ToJsonString().Should().Be("""{"total":2,"deleted":1,"invalid":0,"fragmented":1,"freeslots":5}""");
        body["fls_state"]!.GetValue<int>().Should().Be(0);
    }

    [TestMethod]
    public void Selftest_counts_a_public_only_record_as_intact()
    {
        // Arrange: an imported public key has no sealed secret to check.
        using var device = Provisioned();
        var ed25519Public = Convert.ToBase64String(Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        device.Post("/api/keymgmt/import", new { label = "pub", type = "ED25519", pubkey = ed25519Public }, device.Login("keymgmt:imp"))
            .Status.Should().Be(200);

        // Act
        var body = SelfTest(device, device.Login("system:config"));

        // Assert
        body["repo_stats"]!["total"]!.GetValue<int>().Should().Be(1);
        body["repo_stats"]!["invalid"]!.GetValue<int>().Should().Be(0);
        body["fls_state"]!.GetValue<int>().Should().Be(0);
    }

    [TestMethod]
    public void Passing_selftest_logs_KEY_INTEGRITY_ERROR_OK_and_nothing_else()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("system:config");
        var linesBefore = device.AuditLines().Count;

        // Act
        SelfTest(device, token);

        // Assert: spec §11.16, the integrity check logs OK when it passes; no SELFTEST_PASSED (power-up only).
        var added = device.AuditLines().Skip(linesBefore).ToList();
        added.Select(l => (l.Type, l.Result, l.Subject, l.Data)).Should().Equal((KeyIntegrityError, 0, "", ""));
    }
}
