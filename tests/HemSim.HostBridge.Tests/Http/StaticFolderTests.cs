using System.Text;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Hosting;
using HemSim.HostBridge.Tests.Hosting;
using HemSim.TestKit;

namespace HemSim.HostBridge.Tests.Http;

/// <summary>
/// <c>--static DIR</c> (issue #7): the folder's files for GET/HEAD outside <c>/api</c>, framed like every bridge
/// answer (spec §3.2); everything else goes to the device.
/// </summary>
[TestClass]
public sealed class StaticFolderTests
{
    private const string Index = "<html>dashboard</html>";
    private const string Secret = "OUTSIDE-THE-FOLDER";

    private static string s_parent = null!;
    private static BridgeHost s_host = null!;
    private static FakeDeviceChannel s_device = null!;
    private static System.Security.Cryptography.X509Certificates.X509Certificate2 s_ca = null!;

    [ClassInitialize]
    public static async Task StartBridgeAsync(TestContext context)
    {
        s_parent = TestBridge.NewDataFolder();
        string root = Path.Combine(s_parent, "www");
        Directory.CreateDirectory(Path.Combine(root, "sub"));
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        Directory.CreateDirectory(Path.Combine(root, "api"));
        File.WriteAllText(Path.Combine(root, "index.html"), Index);
        File.WriteAllText(Path.Combine(root, "app.js"), "let x = 1;");
        File.WriteAllText(Path.Combine(root, "style.css"), "body{}");
        File.WriteAllText(Path.Combine(root, "logo.svg"), "<svg/>");
        File.WriteAllText(Path.Combine(root, "sub", "index.html"), "<html>sub</html>");
        File.WriteAllText(Path.Combine(root, "empty", "readme.txt"), "no index here");
        File.WriteAllText(Path.Combine(root, "api", "status"), "not the device");
        File.WriteAllText(Path.Combine(root, ".env"), Secret);
        File.WriteAllText(Path.Combine(s_parent, "outside.txt"), Secret);

        s_device = new FakeDeviceChannel();
        var options = new BridgeOptions
        {
            DataDirectory = Path.Combine(s_parent, "data"),
            HttpPort = 0,
            HttpsPort = 0,
            StaticDirectory = root,
        };
        s_host = await BridgeHost.StartAsync(options, s_device);
        s_ca = CaTrust.Load(s_host.CaCertificatePath);
    }

    [ClassCleanup]
    public static async Task StopBridgeAsync()
    {
        s_ca.Dispose();
        await s_host.DisposeAsync();
        Directory.Delete(s_parent, recursive: true);
    }

    [TestInitialize]
    public void ResetDevice() => s_device.Respond = _ => ApiResponse.Empty(404);

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task Root_serves_index_html_with_length_type_and_connection_close(bool tls)
    {
        int before = s_device.Received.Count;

        RawHttpResponse response = await SendAsync(tls, "GET / HTTP/1.1\r\nHost: my.ence.do");

        response.StatusCode.Should().Be(200);
        Encoding.UTF8.GetString(response.Body).Should().Be(Index);
        response.ExactHeader("Content-Type").Should().Equal("text/html");
        response.ExactHeader("Content-Length").Should().Equal(Index.Length.ToString());
        response.ExactHeader("Connection").Should().Equal("close");
        response.AnyCaseHeader("Transfer-Encoding").Should().BeEmpty();
        response.ClosedByServer.Should().BeTrue();
        s_device.Received.Count.Should().Be(before, "a served file never reaches the device");
    }

    [TestMethod]
    [DataRow("/app.js", "text/javascript")]
    [DataRow("/style.css", "text/css")]
    [DataRow("/logo.svg", "image/svg+xml")]
    [DataRow("/index.html", "text/html")]
    [DataRow("/sub/", "text/html")]
    public async Task Files_carry_the_content_type_of_their_extension(string path, string contentType)
    {
        RawHttpResponse response = await SendAsync(false, $"GET {path} HTTP/1.1\r\nHost: my.ence.do");

        response.StatusCode.Should().Be(200);
        response.ExactHeader("Content-Type").Should().Equal(contentType);
        response.ExactHeader("Content-Length").Should().Equal(response.Body.Length.ToString());
    }

    [TestMethod]
    public async Task Head_gives_the_length_without_the_body()
    {
        RawHttpResponse response = await SendAsync(false, "HEAD / HTTP/1.1\r\nHost: my.ence.do");

        response.StatusCode.Should().Be(200);
        response.ExactHeader("Content-Length").Should().Equal(Index.Length.ToString());
        response.ExactHeader("Connection").Should().Equal("close");
        response.Body.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Folder_without_trailing_slash_is_redirected_to_it()
    {
        RawHttpResponse response = await SendAsync(false, "GET /sub HTTP/1.1\r\nHost: my.ence.do");

        response.StatusCode.Should().Be(301);
        response.ExactHeader("Location").Single().Should().EndWith("/sub/");
        response.ExactHeader("Content-Length").Should().Equal("0");
        response.ExactHeader("Connection").Should().Equal("close");
    }

    [TestMethod]
    [DataRow("/empty/", DisplayName = "folder without index.html: no listing")]
    [DataRow("/missing.html", DisplayName = "no such file")]
    [DataRow("/.env", DisplayName = "dot-file")]
    [DataRow("/empty/readme.unknownext", DisplayName = "unknown type")]
    public async Task Paths_the_folder_cannot_serve_go_to_the_device(string path)
    {
        RawHttpResponse response = await SendAsync(false, $"GET {path} HTTP/1.1\r\nHost: my.ence.do");

        response.StatusCode.Should().Be(404);
        response.Body.Should().BeEmpty();
        s_device.LastRequest.Path.Should().Be(path);
    }

    [TestMethod]
    [DataRow("/api/status")]
    [DataRow("/api")]
    public async Task Api_paths_always_go_to_the_device_even_when_the_folder_has_the_file(string path)
    {
        s_device.Respond = _ => new ApiResponse(200, "{\"device\":true}"u8.ToArray());

        RawHttpResponse response = await SendAsync(false, $"GET {path} HTTP/1.1\r\nHost: my.ence.do");

        Encoding.UTF8.GetString(response.Body).Should().Be("{\"device\":true}");
        s_device.LastRequest.Path.Should().Be(path);
    }

    [TestMethod]
    public async Task Other_methods_go_to_the_device()
    {
        s_device.Respond = _ => ApiResponse.Empty(404);

        RawHttpResponse response = await SendAsync(false, "DELETE /index.html HTTP/1.1\r\nHost: my.ence.do");

        response.StatusCode.Should().Be(404);
        s_device.LastRequest.Method.Should().Be("DELETE");
    }

    [TestMethod]
    [DataRow("/../outside.txt")]
    [DataRow("/%2e%2e/outside.txt")]
    [DataRow("/sub/..%2f..%2foutside.txt")]
    [DataRow("/..%2foutside.txt")]
    [DataRow("/..%5coutside.txt")]
    [DataRow("/sub/%2e%2e/%2e%2e/outside.txt")]
    [DataRow("//..//outside.txt")]
    public async Task Nothing_outside_the_folder_is_served(string target)
    {
        RawHttpResponse response = await SendAsync(false, $"GET {target} HTTP/1.1\r\nHost: my.ence.do");

        Encoding.Latin1.GetString(response.Body).Should().NotContain(Secret);
        response.StatusCode.Should().NotBe(200);
    }

    [TestMethod]
    public async Task Without_the_option_every_path_goes_to_the_device()
    {
        await using TestBridge bridge = await TestBridge.StartAsync();
        bridge.Device.Respond = _ => ApiResponse.Empty(404);

        RawHttpResponse response = await bridge.SendRawAsync(tls: false, "GET / HTTP/1.1\r\nHost: my.ence.do");

        response.StatusCode.Should().Be(404);
        response.ExactHeader("Content-Length").Should().Equal("0");
        bridge.Device.LastRequest.Path.Should().Be("/");
    }

    private static Task<RawHttpResponse> SendAsync(bool tls, string head) =>
        RawHttp.ExchangeAsync(tls ? s_host.HttpsAddress : s_host.HttpAddress, tls ? s_ca : null, RawHttp.Request(head));
}
