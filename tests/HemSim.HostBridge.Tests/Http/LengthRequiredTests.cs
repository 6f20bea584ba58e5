using System.Net;
using FluentAssertions;
using HemSim.HostBridge.Tests.Hosting;

namespace HemSim.HostBridge.Tests.Http;

/// <summary>spec §3.2: a POST needs a positive Content-Length, else 411 and the device never sees it.</summary>
[TestClass]
public sealed class LengthRequiredTests
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
    public async Task Chunked_post_gets_411_with_empty_json_body_and_close(bool tls)
    {
        // Arrange
        string head = "POST /api/system/checkin HTTP/1.1\r\nHost: my.ence.do\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked";
        byte[] chunkedBody = "2\r\n{}\r\n0\r\n\r\n"u8.ToArray();

        // Act
        RawHttpResponse response = await s_bridge.SendRawAsync(tls, head, chunkedBody);

        // Assert
        response.StatusLine.Should().StartWith("HTTP/1.1 411 ");
        response.ExactHeader("Content-Length").Should().Equal("0");
        response.ExactHeader("Content-Type").Should().Equal("application/json");
        response.ExactHeader("Connection").Should().Equal("close");
        response.ClosedByServer.Should().BeTrue();
        s_bridge.Device.Received.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Post_without_Content_Length_gets_411()
    {
        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, "POST /api/auth/token HTTP/1.1\r\nHost: my.ence.do");

        response.StatusCode.Should().Be(411);
        s_bridge.Device.Received.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Post_with_Content_Length_0_gets_411()
    {
        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, "POST /api/auth/token HTTP/1.1\r\nHost: my.ence.do\r\nContent-Length: 0");

        response.StatusCode.Should().Be(411);
        s_bridge.Device.Received.Should().BeEmpty();
    }

    [TestMethod]
    public async Task HttpClient_streaming_post_of_unknown_length_gets_411()
    {
        // Arrange: a stream of unknown length makes HttpClient send chunked.
        using var content = new StreamContent(new UnseekableStream("{\"a\":1}"u8.ToArray()));
        content.Headers.ContentType = new("application/json");

        // Act
        using HttpResponseMessage response = await s_bridge.Client.PostAsync(s_bridge.Https("/api/system/checkin"), content);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.LengthRequired);
        response.Content.Headers.ContentLength.Should().Be(0);
        s_bridge.Device.Received.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow("GET")]
    [DataRow("DELETE")]
    [DataRow("OPTIONS")]
    public async Task Other_methods_without_a_body_are_forwarded(string method)
    {
        RawHttpResponse response = await s_bridge.SendRawAsync(tls: true, $"{method} /api/keymgmt/delete/00 HTTP/1.1\r\nHost: my.ence.do");

        response.StatusCode.Should().Be(200);
        s_bridge.Device.LastRequest.Method.Should().Be(method);
        s_bridge.Device.LastRequest.Body.Should().BeEmpty();
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
