using System.Net;
using System.Text;
using FluentAssertions;
using HemSim.HostBridge.Tests.Hosting;

namespace HemSim.HostBridge.Tests.Http;

/// <summary>spec §3.2: 7300-byte JSON bodies, 16 MiB raw uploads; over the limit → 413 and close.</summary>
[TestClass]
public sealed class RequestBodyLimitTests
{
    private const string JsonHead = "POST /api/system/checkin HTTP/1.1\r\nHost: my.ence.do\r\nContent-Type: application/json";

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
    public async Task Body_of_7301_bytes_gets_413_and_close_and_never_reaches_the_device(bool tls)
    {
        // Arrange: a syntactically valid JSON of 7301 bytes, as [T] sends.
        byte[] body = JsonOfLength(7301);

        // Act
        RawHttpResponse response = await s_bridge.SendRawAsync(tls, $"{JsonHead}\r\nContent-Length: {body.Length}", body);

        // Assert
        response.StatusLine.Should().StartWith("HTTP/1.1 413 ");
        response.ExactHeader("Content-Length").Should().Equal("0");
        response.ExactHeader("Content-Type").Should().Equal("application/json");
        response.ExactHeader("Connection").Should().Equal("close");
        response.ClosedByServer.Should().BeTrue();
        s_bridge.Device.Received.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Body_of_7300_bytes_reaches_the_device_intact()
    {
        byte[] body = JsonOfLength(7300);

        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, $"{JsonHead}\r\nContent-Length: {body.Length}", body);

        response.StatusCode.Should().Be(200);
        s_bridge.Device.LastRequest.Body.Should().Equal(body);
    }

    [TestMethod]
    public async Task HttpClient_post_of_7301_bytes_gets_413()
    {
        using var content = new ByteArrayContent(JsonOfLength(7301));
        content.Headers.ContentType = new("application/json");

        using HttpResponseMessage response = await s_bridge.Client.PostAsync(s_bridge.Https("/api/system/checkin"), content);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        s_bridge.Device.Received.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Raw_upload_path_accepts_more_than_the_json_limit()
    {
        // Arrange
        byte[] image = new byte[100_000];
        Random.Shared.NextBytes(image);
        using var content = new ByteArrayContent(image);
        content.Headers.ContentType = new("application/octet-stream");
        content.Headers.ContentDisposition = new("attachment") { FileName = "\"firmware.bin\"" };

        // Act
        using HttpResponseMessage response = await s_bridge.Client.PostAsync(s_bridge.Https("/api/system/upgrade/upload_fw"), content);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        s_bridge.Device.LastRequest.Body.Should().Equal(image);
        s_bridge.Device.LastRequest.ContentDisposition.Should().Be("attachment; filename=\"firmware.bin\"");
    }

    [TestMethod]
    public async Task Raw_upload_declared_over_16_MiB_gets_413_before_any_body_byte()
    {
        // Arrange
        await using RawConnection connection = await RawConnection.OpenAsync(s_bridge.Host.HttpAddress, ca: null);

        // Act: the head alone; the answer must not wait for the body.
        await connection.WriteAsync(RawHttp.Request($"POST /api/system/upgrade/upload_ui HTTP/1.1\r\nHost: my.ence.do\r\nContent-Length: {(16 * 1024 * 1024) + 1}"));
        string head = await connection.ReadHeadAsync();

        // Assert
        head.Should().StartWith("HTTP/1.1 413 ").And.Contain("\r\nConnection: close\r\n").And.Contain("\r\nContent-Length: 0\r\n");
        s_bridge.Device.Received.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Chunked_body_on_another_method_is_cut_off_at_the_limit()
    {
        // Arrange: 8000 bytes in two chunks on a DELETE (a chunked POST already gets 411).
        string chunk = new('x', 4000);
        byte[] body = Encoding.ASCII.GetBytes($"FA0\r\n{chunk}\r\nFA0\r\n{chunk}\r\n0\r\n\r\n");

        // Act
        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, "DELETE /api/keymgmt/delete/00 HTTP/1.1\r\nHost: my.ence.do\r\nTransfer-Encoding: chunked", body);

        // Assert
        response.StatusCode.Should().Be(413);
        s_bridge.Device.Received.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Expect_100_continue_gets_100_then_the_final_answer()
    {
        // Arrange
        byte[] body = JsonOfLength(300);
        await using RawConnection connection = await RawConnection.OpenAsync(s_bridge.Host.HttpAddress, ca: null);

        // Act: the head alone, wait for 100, then the body.
        await connection.WriteAsync(RawHttp.Request($"{JsonHead}\r\nContent-Length: {body.Length}\r\nExpect: 100-continue"));
        string interim = await connection.ReadHeadAsync();
        await connection.WriteAsync(body);
        (byte[] rest, bool closed) = await connection.ReadToEndAsync();
        RawHttpResponse response = RawHttpResponse.Parse(rest, closed);

        // Assert
        interim.Should().Be("HTTP/1.1 100 Continue\r\n\r\n");
        response.StatusCode.Should().Be(200);
        s_bridge.Device.LastRequest.Body.Should().Equal(body);
    }

    [TestMethod]
    public async Task Expect_100_continue_over_the_limit_gets_413_instead_of_100()
    {
        await using RawConnection connection = await RawConnection.OpenAsync(s_bridge.Host.HttpAddress, ca: null);

        await connection.WriteAsync(RawHttp.Request($"{JsonHead}\r\nContent-Length: 7301\r\nExpect: 100-continue"));
        string head = await connection.ReadHeadAsync();

        head.Should().StartWith("HTTP/1.1 413 ").And.Contain("\r\nConnection: close\r\n");
        s_bridge.Device.Received.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Connection_closes_after_413_once_the_unread_body_has_been_drained()
    {
        // Kestrel reads and discards a body the application left unread (for at most 5 s) before it
        // closes, so that the 413 is not lost to a TCP reset; a body already sent drains at once.
        byte[] body = JsonOfLength(100_000);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, $"{JsonHead}\r\nContent-Length: {body.Length}", body);

        response.StatusCode.Should().Be(413);
        response.ClosedByServer.Should().BeTrue();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(4));
    }

    private static byte[] JsonOfLength(int length)
    {
        const string prefix = "{\"pad\":\"";
        const string suffix = "\"}";
        return Encoding.ASCII.GetBytes(prefix + new string('a', length - prefix.Length - suffix.Length) + suffix);
    }
}
