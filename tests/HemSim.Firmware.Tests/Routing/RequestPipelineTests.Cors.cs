using System.Text;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Routing;

/// <summary>CORS and preflight, step 1 of spec §3.3 (spec §3.6).</summary>
public sealed partial class RequestPipelineTests
{
    [TestMethod]
    [DataRow("/api/system/status")]
    [DataRow("/api/keymgmt/create")]
    [DataRow("/api/no/such/path")]
    public void Pipeline_answers_204_to_options_on_any_path(string path)
    {
        // Arrange
        using var device = Provisioned();

        // Act
        var response = device.Send(new ApiRequest("OPTIONS", path, false, []) { Authorization = "Bearer forged.token.here" });

        // Assert
        response.Status.Should().Be(204);
        response.Body.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow("GET", "/api/system/status")]
    [DataRow("OPTIONS", "/api/system/status")]
    [DataRow("GET", "/api/unknown")]
    public void Pipeline_answers_412_to_an_origin_outside_the_allow_list(string method, string path)
    {
        // Arrange
        using var device = Provisioned("https://a.example");
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = Send(device, method, path, origin: "https://b.example", token: "forged.token.here");

        // Assert: CORS comes first, before OPTIONS, the token pre-check and routing.
        response.Status.Should().Be(412);
        response.Body.Should().BeEmpty();
        response.AllowedOrigin.Should().BeNull();
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    public void Pipeline_echoes_an_allowed_origin()
    {
        // Arrange
        using var device = Provisioned("https://a.example");

        // Act
        var response = Send(device, "GET", "/api/system/status", origin: "https://a.example");

        // Assert
        response.Status.Should().Be(200);
        response.AllowedOrigin.Should().Be("https://a.example");
    }

    [TestMethod]
    public void Pipeline_skips_the_cors_check_without_an_origin_header()
    {
        // Arrange
        using var device = Provisioned("https://a.example");

        // Act
        var response = Send(device, "GET", "/api/system/status");

        // Assert
        response.Status.Should().Be(200);
        response.AllowedOrigin.Should().BeNull();
    }

    [TestMethod]
    [DataRow("https://x.example.com", 200)]
    [DataRow("https://a.b.example.com", 200)]
    [DataRow("https://example.com", 412)]
    [DataRow("https://xexample.com", 412)]
    [DataRow("https://x.example.com.evil.net", 412)]
    public void Pipeline_allows_subdomains_for_a_wildcard_origin(string origin, int expected)
    {
        // Arrange
        using var device = Provisioned("*.example.com");

        // Act
        var response = Send(device, "GET", "/api/system/status", origin: origin);

        // Assert
        response.Status.Should().Be(expected);
    }

    [TestMethod]
    public void Pipeline_allows_any_origin_on_a_fresh_device()
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = Send(device, "GET", "/api/system/status", origin: "https://anything.example");

        // Assert
        response.Status.Should().Be(200);
    }
}
