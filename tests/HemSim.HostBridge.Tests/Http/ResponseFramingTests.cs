using System.Text;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Tests.Hosting;

namespace HemSim.HostBridge.Tests.Http;

/// <summary>spec §3.2 and §3.4: how every response is framed on the wire.</summary>
[TestClass]
public sealed class ResponseFramingTests
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
    public async Task Success_response_carries_exact_Content_Length_and_Content_Type(bool tls)
    {
        // Arrange
        byte[] body = "{\"fwv\":\"1.2.2\"}"u8.ToArray();
        s_bridge.Device.Respond = _ => new ApiResponse(200, body);

        // Act
        RawHttpResponse response = await s_bridge.SendRawAsync(tls, "GET /api/system/version HTTP/1.1\r\nHost: my.ence.do");

        // Assert
        response.StatusLine.Should().Be("HTTP/1.1 200 OK");
        response.ExactHeader("Content-Length").Should().Equal(body.Length.ToString());
        response.ExactHeader("Content-Type").Should().Equal("application/json");
        response.Body.Should().Equal(body);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task Empty_error_response_carries_Content_Length_0_and_json_type(bool tls)
    {
        s_bridge.Device.Respond = _ => ApiResponse.Empty(404);

        RawHttpResponse response = await s_bridge.SendRawAsync(tls, "GET /api/nowhere HTTP/1.1\r\nHost: my.ence.do");

        response.StatusLine.Should().Be("HTTP/1.1 404 Not Found");
        response.ExactHeader("Content-Length").Should().Equal("0");
        response.ExactHeader("Content-Type").Should().Equal("application/json");
        response.Body.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task Every_response_says_Connection_close_and_the_server_closes_the_socket(bool tls)
    {
        RawHttpResponse response = await s_bridge.SendRawAsync(tls, "GET /api/system/status HTTP/1.1\r\nHost: my.ence.do\r\nConnection: keep-alive");

        response.ExactHeader("Connection").Should().Equal("close");
        response.ClosedByServer.Should().BeTrue();
    }

    [TestMethod]
    public async Task Large_body_is_never_chunked()
    {
        byte[] body = Encoding.ASCII.GetBytes("{\"blob\":\"" + new string('A', 200_000) + "\"}");
        s_bridge.Device.Respond = _ => new ApiResponse(200, body);

        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, "GET /api/logger/0 HTTP/1.1\r\nHost: my.ence.do");

        response.AnyCaseHeader("Transfer-Encoding").Should().BeEmpty();
        response.ExactHeader("Content-Length").Should().Equal(body.Length.ToString());
        response.Body.Should().Equal(body);
    }

    [TestMethod]
    public async Task Device_content_type_passes_through_for_log_files()
    {
        s_bridge.Device.Respond = _ => new ApiResponse(200, "line\n"u8.ToArray()) { ContentType = "text/plain" };

        RawHttpResponse response = await s_bridge.SendRawAsync(tls: true, "GET /api/logger/1 HTTP/1.1\r\nHost: my.ence.do");

        response.ExactHeader("Content-Type").Should().Equal("text/plain");
        response.ExactHeader("Content-Length").Should().Equal("5");
    }

    [TestMethod]
    public async Task Response_has_no_Server_header()
    {
        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, "GET /api/system/status HTTP/1.1\r\nHost: my.ence.do");

        response.AnyCaseHeader("Server").Should().BeEmpty();
    }

    [TestMethod]
    public async Task No_content_204_goes_out_without_Content_Length()
    {
        // Kestrel drops Content-Length from a 204 (RFC 9110 §8.6); the device's only 204 is the CORS preflight.
        s_bridge.Device.Respond = _ => ApiResponse.Empty(204);

        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, "OPTIONS /api/system/status HTTP/1.1\r\nHost: my.ence.do");

        response.StatusLine.Should().Be("HTTP/1.1 204 No Content");
        response.AnyCaseHeader("Content-Length").Should().BeEmpty();
        response.ExactHeader("Content-Type").Should().Equal("application/json");
        response.ClosedByServer.Should().BeTrue();
    }

    [TestMethod]
    public async Task HttpClient_gets_each_answer_on_a_fresh_connection()
    {
        // Act: two requests in a row on one client; the first connection is closed by the server.
        using HttpResponseMessage first = await s_bridge.Client.GetAsync(s_bridge.Https("/api/system/status"));
        using HttpResponseMessage second = await s_bridge.Client.GetAsync(s_bridge.Https("/api/system/status"));

        // Assert
        first.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        second.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        first.Headers.ConnectionClose.Should().BeTrue();
        second.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        s_bridge.Device.Received.Should().HaveCount(2);
    }
}
