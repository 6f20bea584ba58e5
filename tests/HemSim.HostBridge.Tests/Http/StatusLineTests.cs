using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Tests.Hosting;

namespace HemSim.HostBridge.Tests.Http;

/// <summary>spec §3.4: the status line carries the device's number as-is.</summary>
[TestClass]
public sealed class StatusLineTests
{
    private static TestBridge s_bridge = null!;

    [ClassInitialize]
    public static async Task StartBridgeAsync(TestContext context) => s_bridge = await TestBridge.StartAsync();

    [ClassCleanup]
    public static async Task StopBridgeAsync() => await s_bridge.DisposeAsync();

    [TestInitialize]
    public void ResetDevice() => s_bridge.Device.Reset();

    [TestMethod]
    public async Task Non_standard_795_goes_out_as_is_with_an_empty_reason_phrase()
    {
        // spec §3.4 QUIRK: a failed mldsa/verify puts the raw library error number in the status line.
        s_bridge.Device.Respond = _ => ApiResponse.Empty(795);

        RawHttpResponse response = await s_bridge.SendRawAsync(tls: true, "POST /api/crypto/pqc/mldsa/verify HTTP/1.1\r\nHost: my.ence.do\r\nContent-Length: 2", "{}"u8.ToArray());

        response.Head.Should().StartWith("HTTP/1.1 795 \r\n");
        response.ExactHeader("Content-Length").Should().Equal("0");
    }

    [TestMethod]
    public async Task Status_418_goes_out_with_Kestrels_reason_phrase()
    {
        // The real device sends "HTTP/1.1 418 \r\n" (spec §3.4). Kestrel fills an empty reason phrase
        // from its own table for codes it knows, and clients read only the number.
        s_bridge.Device.Respond = _ => ApiResponse.Empty(418);

        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, "GET /api/keymgmt/list HTTP/1.1\r\nHost: my.ence.do");

        response.StatusLine.Should().Be("HTTP/1.1 418 I'm a teapot");
        response.ExactHeader("Content-Length").Should().Equal("0");
        response.ExactHeader("Content-Type").Should().Equal("application/json");
    }

    [TestMethod]
    [DataRow(200, "HTTP/1.1 200 OK")]
    [DataRow(406, "HTTP/1.1 406 Not Acceptable")]
    [DataRow(409, "HTTP/1.1 409 Conflict")]
    [DataRow(410, "HTTP/1.1 410 Gone")]
    [DataRow(505, "HTTP/1.1 505 HTTP Version Not Supported")]
    public async Task Device_status_is_the_status_line(int status, string expected)
    {
        s_bridge.Device.Respond = _ => ApiResponse.Empty(status);

        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, "GET /api/system/status HTTP/1.1\r\nHost: my.ence.do");

        response.StatusLine.Should().Be(expected);
    }

    [TestMethod]
    public async Task Status_HTTP_cannot_carry_becomes_a_bridge_500()
    {
        s_bridge.Device.Respond = _ => ApiResponse.Empty(101);

        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, "GET /api/system/status HTTP/1.1\r\nHost: my.ence.do");

        response.StatusCode.Should().Be(500);
        response.ExactHeader("Content-Length").Should().Equal("0");
        response.ExactHeader("Content-Type").Should().Equal("application/json");
    }
}
