using System.Text;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Api.System;

[TestClass]
public sealed partial class SystemStatusTests
{
    private static ApiResponse Status(TestDevice device, bool tls = true, string? host = null, string? authorization = null) =>
        device.Send(ApiRequest.Get("/api/system/status", tls) with { Host = host, Authorization = authorization });

    private static List<string> Keys(ApiResponse response) => TestDevice.Json(response).Select(p => p.Key).ToList();

    [TestMethod]
    public void Status_of_a_fresh_device_over_https_is_exactly_the_documented_object()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = Status(device);

        // Assert: spec §11.1 with the RTC set (TestDevice presets it), no Host header, nothing provisioned.
        response.Status.Should().Be(200);
        response.ContentType.Should().Be("application/json");
        Encoding.UTF8.GetString(response.Body).Should().Be(
            "{\"inited\":false,\"tts\":false,\"ctx\":0,\"uptime\":0,\"ts\":\"2025-11-24T16:00:00Z\",\"time\":1764000000,\"temp\":31,\"fls_state\":0}");
    }

    [TestMethod]
    public void Status_reports_inited_false_only_while_fresh()
    {
        // Arrange
        using var device = new TestDevice();
        var fresh = TestDevice.Json(Status(device));

        // Act
        device.Provision().Status.Should().Be(200);
        var provisioned = Status(device);

        // Assert: never inited:true; the key is simply absent once provisioned.
        fresh["inited"]!.GetValue<bool>().Should().BeFalse();
        provisioned.Status.Should().Be(200);
        Keys(provisioned).Should().NotContain("inited");
    }

    [TestMethod]
    [DataRow(false, true)]
    [DataRow(true, false)]
    public void Status_reports_https_true_only_on_plain_http(bool tls, bool expectHttps)
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var json = TestDevice.Json(Status(device, tls));

        // Assert
        if (expectHttps)
        {
            json["https"]!.GetValue<bool>().Should().BeTrue();
        }
        else
        {
            json.ContainsKey("https").Should().BeFalse();
        }
    }

    [TestMethod]
    [DataRow(null, false)]
    [DataRow("my.ence.do", false)]
    [DataRow("MY.Ence.DO", false)]
    [DataRow("my.ence.do:443", false)]
    [DataRow("my.ence.do:8080", false)]
    [DataRow("192.168.7.1", true)]
    [DataRow("192.168.7.1:80", true)]
    [DataRow("other.ence.do", true)]
    [DataRow("[::1]:443", true)]
    public void Status_reports_hostname_only_when_host_differs_from_the_configured_one(string? host, bool expectHostname)
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision(cfg => cfg["hostname"] = "my.ence.do").Status.Should().Be(200);

        // Act
        var json = TestDevice.Json(Status(device, host: host));

        // Assert
        if (expectHostname)
        {
            json["hostname"]!.GetValue<string>().Should().Be("my.ence.do");
        }
        else
        {
            json.ContainsKey("hostname").Should().BeFalse();
        }
    }

    [TestMethod]
    [DataRow("[::1]:443", false)]
    [DataRow("[::1]", false)]
    [DataRow("[::2]:443", true)]
    public void Status_strips_the_port_of_a_bracketed_ipv6_host(string host, bool expectHostname)
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision(cfg => cfg["hostname"] = "::1").Status.Should().Be(200);

        // Act
        var json = TestDevice.Json(Status(device, host: host));

        // Assert
        json.ContainsKey("hostname").Should().Be(expectHostname);
    }

    [TestMethod]
    public void Status_of_a_fresh_device_names_the_factory_hostname_to_a_different_host()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var json = TestDevice.Json(Status(device, host: "192.168.7.1"));

        // Assert
        json["hostname"]!.GetValue<string>().Should().Be("my.ence.do");
    }

    [TestMethod]
    [DataRow(false, true)]
    [DataRow(true, false)]
    public void Status_reports_tts_false_only_when_trusted_ts_is_off(bool trustedTs, bool expectTts)
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision(cfg => cfg["trusted_ts"] = trustedTs).Status.Should().Be(200);

        // Act
        var json = TestDevice.Json(Status(device));

        // Assert
        if (expectTts)
        {
            json["tts"]!.GetValue<bool>().Should().BeFalse();
        }
        else
        {
            json.ContainsKey("tts").Should().BeFalse();
        }
    }

    [TestMethod]
    public void Status_reports_ts_in_rfc3339_utc_and_time_while_the_rtc_is_set()
    {
        // Arrange
        using var device = new TestDevice();
        device.Clock.Advance(TimeSpan.FromSeconds(3661.5));

        // Act
        var json = TestDevice.Json(Status(device));

        // Assert
        json["ts"]!.GetValue<string>().Should().Be("2025-11-24T17:01:01Z");
        json["time"]!.GetValue<long>().Should().Be(TestDevice.StartTime + 3661);
    }

    [TestMethod]
    public void Status_omits_ts_and_time_while_the_rtc_is_unset()
    {
        // Arrange
        using var device = new TestDevice(clock: new FakeClock());

        // Act
        var response = Status(device);

        // Assert
        response.Status.Should().Be(200);
        Keys(response).Should().Equal("inited", "tts", "ctx", "uptime", "temp", "fls_state");
    }

    [TestMethod]
    public void Status_reports_uptime_in_whole_seconds_since_boot()
    {
        // Arrange
        using var device = new TestDevice();
        device.Clock.Advance(TimeSpan.FromSeconds(42.9));

        // Act
        var before = TestDevice.Json(Status(device))["uptime"]!.GetValue<long>();
        device.Get("/api/system/reboot").Status.Should().Be(200);
        var after = TestDevice.Json(Status(device))["uptime"]!.GetValue<long>();

        // Assert
        before.Should().Be(42);
        after.Should().Be(0);
    }

    [TestMethod]
    public void Status_reports_the_configured_ctx()
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision(cfg => cfg["ctx"] = 7).Status.Should().Be(200);

        // Act
        var json = TestDevice.Json(Status(device));

        // Assert
        json["ctx"]!.GetValue<long>().Should().Be(7);
        json["temp"]!.GetValue<int>().Should().Be(31);
    }

    [TestMethod]
    public void Status_reports_storage_and_format_on_an_initialised_ppa()
    {
        // Arrange
        using var device = new TestDevice();
        device.Provision().Status.Should().Be(200);

        // Act
        var json = TestDevice.Json(Status(device));

        // Assert: two "<sectors>:<mode>" entries, disk0 first with the configured size; format done.
        var storage = json["storage"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        storage.Should().HaveCount(2);
        storage[0].Should().StartWith("8388608:");
        storage.Should().AllSatisfy(s => s.Should().MatchRegex("^[0-9]+:(rw|ro|-)$"));
        json["format"]!.GetValue<string>().Should().Be("done");
    }

    [TestMethod]
    public void Status_omits_storage_and_format_on_a_fresh_ppa()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var keys = Keys(Status(device));

        // Assert
        keys.Should().NotContain(["storage", "format"]);
    }

    [TestMethod]
    public void Status_omits_storage_and_format_on_an_epa()
    {
        // Arrange
        using var device = new TestDevice(new HemDeviceOptions { Variant = HardwareVariant.Epa });
        device.Provision().Status.Should().Be(200);

        // Act
        var keys = Keys(Status(device));

        // Assert
        keys.Should().NotContain(["storage", "format"]);
    }

    [TestMethod]
    public void Status_answers_200_with_the_latched_fault_mask()
    {
        // Arrange
        using var device = new TestDevice();
        device.Core.Boot.FaultState = 0x0A;

        // Act
        var response = Status(device);

        // Assert
        response.Status.Should().Be(200);
        TestDevice.Json(response)["fls_state"]!.GetValue<int>().Should().Be(0x0A);
    }
}
