using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Tests.Hosting;
using HemSim.HostBridge.Tests.Http;
using HemSim.Transport;

namespace HemSim.HostBridge.Tests.Forwarding;

/// <summary>
/// HttpContext → ApiRequest → device → ApiResponse → HTTP. (Kept beside the Http rules so that the
/// Http/Hosting test filter runs it.)
/// </summary>
[TestClass]
public sealed class DeviceForwarderTests
{
    private static TestBridge s_bridge = null!;

    [ClassInitialize]
    public static async Task StartBridgeAsync(TestContext context) => s_bridge = await TestBridge.StartAsync();

    [ClassCleanup]
    public static async Task StopBridgeAsync() => await s_bridge.DisposeAsync();

    [TestInitialize]
    public void ResetDevice() => s_bridge.Device.Reset();

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task IsTls_tells_which_listener_took_the_request(bool tls)
    {
        using HttpResponseMessage response = await s_bridge.Client.GetAsync(s_bridge.Address(tls, "/api/system/status"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        s_bridge.Device.LastRequest.IsTls.Should().Be(tls);
    }

    [TestMethod]
    public async Task Method_path_headers_and_body_are_forwarded()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, s_bridge.Https("/api/crypto/exdsa/sign?ignored=1"))
        {
            Content = new ByteArrayContent("{\"kid\":\"00\"}"u8.ToArray()),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "a.bin" };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOi.e30.sig");
        request.Headers.Add("Origin", "https://app.example.com");
        request.Headers.Host = "my.ence.do";

        // Act
        using HttpResponseMessage response = await s_bridge.Client.SendAsync(request);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ApiRequest received = s_bridge.Device.LastRequest;
        received.Method.Should().Be("POST");
        received.Path.Should().Be("/api/crypto/exdsa/sign");
        received.IsTls.Should().BeTrue();
        received.Authorization.Should().Be("Bearer eyJhbGciOi.e30.sig");
        received.Origin.Should().Be("https://app.example.com");
        received.Host.Should().Be("my.ence.do");
        received.ContentType.Should().Be("application/json");
        received.ContentDisposition.Should().Be("attachment; filename=a.bin");
        received.Body.Should().Equal("{\"kid\":\"00\"}"u8.ToArray());
    }

    [TestMethod]
    public async Task Lower_case_method_reaches_the_device_in_upper_case()
    {
        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, "get /api/system/status HTTP/1.1\r\nHost: my.ence.do");

        response.StatusCode.Should().Be(200);
        s_bridge.Device.LastRequest.Method.Should().Be("GET");
    }

    [TestMethod]
    public async Task Absent_headers_reach_the_device_as_null()
    {
        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, "GET /api/system/status HTTP/1.1\r\nHost: 192.168.7.1");

        response.StatusCode.Should().Be(200);
        ApiRequest received = s_bridge.Device.LastRequest;
        received.Authorization.Should().BeNull();
        received.Origin.Should().BeNull();
        received.ContentType.Should().BeNull();
        received.ContentDisposition.Should().BeNull();
        received.Host.Should().Be("192.168.7.1");
    }

    [TestMethod]
    public async Task Response_is_held_back_until_DeliverNotBefore()
    {
        // Arrange: login throttling (spec §5.6) asks for at least 600 ms.
        s_bridge.Device.Respond = _ => new ApiResponse(401, []) { DeliverNotBefore = TimeSpan.FromMilliseconds(600) };
        var clock = Stopwatch.StartNew();

        // Act
        using HttpResponseMessage response = await s_bridge.Client.PostAsync(s_bridge.Http("/api/auth/token"), new StringContent("{}"));
        TimeSpan elapsed = clock.Elapsed;

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(600));
    }

    [TestMethod]
    public async Task Closed_link_gets_503_with_empty_json_body()
    {
        s_bridge.Device.Respond = _ => throw new LinkClosedException();

        RawHttpResponse response = await s_bridge.SendRawAsync(tls: true, "GET /api/system/status HTTP/1.1\r\nHost: my.ence.do");

        response.StatusLine.Should().StartWith("HTTP/1.1 503 ");
        response.ExactHeader("Content-Length").Should().Equal("0");
        response.ExactHeader("Content-Type").Should().Equal("application/json");
        response.ExactHeader("Connection").Should().Equal("close");
    }

    [TestMethod]
    public async Task Switched_off_device_gets_503_with_empty_json_body()
    {
        s_bridge.Device.Respond = _ => throw new DeviceSwitchedOffException();

        RawHttpResponse response = await s_bridge.SendRawAsync(tls: true, "GET /api/system/status HTTP/1.1\r\nHost: my.ence.do");

        response.StatusLine.Should().StartWith("HTTP/1.1 503 ");
        response.ExactHeader("Content-Length").Should().Equal("0");
    }

    [TestMethod]
    public async Task Unexpected_failure_gets_500_with_empty_json_body()
    {
        s_bridge.Device.Respond = _ => throw new InvalidOperationException("boom");

        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, "GET /api/system/status HTTP/1.1\r\nHost: my.ence.do");

        response.StatusLine.Should().StartWith("HTTP/1.1 500 ");
        response.ExactHeader("Content-Length").Should().Equal("0");
        response.ExactHeader("Content-Type").Should().Equal("application/json");
        response.ExactHeader("Connection").Should().Equal("close");
    }

    [TestMethod]
    public async Task Each_request_is_forwarded_once_and_answered_in_its_own_right()
    {
        // Arrange: the bridge keeps nothing between requests; concurrent requests each get their own answer.
        s_bridge.Device.Respond = request => new ApiResponse(200, System.Text.Encoding.ASCII.GetBytes($"\"{request.Path}\""));

        // Act
        string[] bodies = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => s_bridge.Client.GetStringAsync(s_bridge.Https($"/p/{i}"))));

        // Assert
        bodies.Should().Equal(Enumerable.Range(0, 16).Select(i => $"\"/p/{i}\""));
        s_bridge.Device.Received.Should().HaveCount(16);
    }
}
