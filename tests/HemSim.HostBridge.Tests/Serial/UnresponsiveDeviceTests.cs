using FluentAssertions;
using HemSim.HostBridge.Tests.Hosting;
using HemSim.HostBridge.Tests.Http;
using HemSim.Transport.Session;

namespace HemSim.HostBridge.Tests.Serial;

/// <summary>
/// A device on a serial line can go silent without the link reporting anything; the session then gives up
/// with <see cref="DeviceTimeoutException"/>, which the bridge answers like a lost link.
/// </summary>
[TestClass]
public sealed class UnresponsiveDeviceTests
{
    [TestMethod]
    public async Task Device_that_shows_no_progress_gets_503_with_empty_json_body()
    {
        await using TestBridge bridge = await TestBridge.StartAsync();
        bridge.Device.Respond = _ => throw new DeviceTimeoutException();

        RawHttpResponse response = await bridge.SendRawAsync(tls: false, "GET /api/system/status HTTP/1.1\r\nHost: my.ence.do");

        response.StatusLine.Should().StartWith("HTTP/1.1 503 ");
        response.ExactHeader("Content-Length").Should().Equal("0");
        response.ExactHeader("Content-Type").Should().Equal("application/json");
    }
}
