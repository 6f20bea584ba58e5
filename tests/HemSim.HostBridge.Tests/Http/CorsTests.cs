using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Tests.Hosting;

namespace HemSim.HostBridge.Tests.Http;

/// <summary>spec §3.6: the device owns the allow-list; the bridge forwards and adds the headers it asks for.</summary>
[TestClass]
public sealed class CorsTests
{
    private const string Origin = "https://app.example.com";

    private static TestBridge s_bridge = null!;

    [ClassInitialize]
    public static async Task StartBridgeAsync(TestContext context) => s_bridge = await TestBridge.StartAsync();

    [ClassCleanup]
    public static async Task StopBridgeAsync() => await s_bridge.DisposeAsync();

    [TestInitialize]
    public void ResetDevice() => s_bridge.Device.Reset();

    [TestMethod]
    public async Task Preflight_204_carries_the_fixed_preflight_headers_and_the_allowed_origin()
    {
        // Arrange
        s_bridge.Device.Respond = request => ApiResponse.Empty(204) with { AllowedOrigin = request.Origin };

        // Act
        RawHttpResponse response = await s_bridge.SendRawAsync(
            tls: true,
            $"OPTIONS /api/crypto/exdsa/sign HTTP/1.1\r\nHost: my.ence.do\r\nOrigin: {Origin}\r\nAccess-Control-Request-Method: POST");

        // Assert
        response.StatusCode.Should().Be(204);
        response.ExactHeader("Access-Control-Allow-Methods").Should().Equal("GET, POST, DELETE, OPTIONS");
        response.ExactHeader("Access-Control-Allow-Headers").Should().Equal("Content-Type, Cache-Control, Pragma, Expires, Authorization, Content-Disposition");
        response.ExactHeader("Access-Control-Max-Age").Should().Equal("86400");
        response.ExactHeader("Access-Control-Allow-Credentials").Should().Equal("true");
        response.ExactHeader("Access-Control-Allow-Origin").Should().Equal(Origin);
        response.ExactHeader("Vary").Should().Equal("Origin");
        s_bridge.Device.LastRequest.Method.Should().Be("OPTIONS");
        s_bridge.Device.LastRequest.Origin.Should().Be(Origin);
    }

    [TestMethod]
    public async Task Rejected_origin_412_passes_through_without_cors_headers()
    {
        s_bridge.Device.Respond = _ => ApiResponse.Empty(412);

        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, "OPTIONS /api/system/status HTTP/1.1\r\nHost: my.ence.do\r\nOrigin: https://evil.example");

        response.StatusLine.Should().StartWith("HTTP/1.1 412 ");
        response.ExactHeader("Content-Length").Should().Equal("0");
        response.Headers.Should().NotContain(header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [TestMethod]
    public async Task Allowed_origin_on_an_ordinary_request_gets_only_the_allow_origin_header()
    {
        s_bridge.Device.Respond = request => new ApiResponse(200, "{}"u8.ToArray()) { AllowedOrigin = request.Origin };

        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, $"GET /api/system/status HTTP/1.1\r\nHost: my.ence.do\r\nOrigin: {Origin}");

        response.ExactHeader("Access-Control-Allow-Origin").Should().Equal(Origin);
        response.ExactHeader("Vary").Should().Equal("Origin");
        response.ExactHeader("Access-Control-Allow-Methods").Should().BeEmpty();
    }

    [TestMethod]
    public async Task Request_without_origin_gets_no_cors_headers()
    {
        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, "GET /api/system/status HTTP/1.1\r\nHost: my.ence.do");

        response.Headers.Should().NotContain(header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        s_bridge.Device.LastRequest.Origin.Should().BeNull();
    }
}
