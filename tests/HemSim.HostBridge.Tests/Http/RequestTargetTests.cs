using FluentAssertions;
using HemSim.HostBridge.Tests.Hosting;

namespace HemSim.HostBridge.Tests.Http;

/// <summary>spec §3.2: trailing blanks in the path are ignored, as on the real device.</summary>
[TestClass]
public sealed class RequestTargetTests
{
    private static TestBridge s_bridge = null!;

    [ClassInitialize]
    public static async Task StartBridgeAsync(TestContext context) => s_bridge = await TestBridge.StartAsync();

    [ClassCleanup]
    public static async Task StopBridgeAsync() => await s_bridge.DisposeAsync();

    [TestInitialize]
    public void ResetDevice() => s_bridge.Device.Reset();

    [TestMethod]
    public async Task Trailing_percent_20_is_trimmed_from_the_path()
    {
        using HttpResponseMessage response = await s_bridge.Client.GetAsync(s_bridge.Http("/api/diag/wipe_config%20%20"));

        response.IsSuccessStatusCode.Should().BeTrue();
        s_bridge.Device.LastRequest.Path.Should().Be("/api/diag/wipe_config");
    }

    [TestMethod]
    public async Task Literal_trailing_spaces_in_the_request_line_route_as_the_trimmed_path()
    {
        // [T] sends "GET /api/diag/wipe_config  " with two literal spaces.
        RawHttpResponse response = await s_bridge.SendRawAsync(tls: false, "GET /api/diag/wipe_config   HTTP/1.1\r\nHost: my.ence.do");

        response.StatusCode.Should().Be(200);
        s_bridge.Device.LastRequest.Path.Should().Be("/api/diag/wipe_config");
    }

    [TestMethod]
    public async Task Query_string_is_not_part_of_the_path()
    {
        using HttpResponseMessage response = await s_bridge.Client.GetAsync(s_bridge.Https("/api/keymgmt/list/0/10?x=1"));

        response.IsSuccessStatusCode.Should().BeTrue();
        s_bridge.Device.LastRequest.Path.Should().Be("/api/keymgmt/list/0/10");
    }
}
