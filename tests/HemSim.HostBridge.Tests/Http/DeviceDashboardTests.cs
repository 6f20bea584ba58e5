using System.Collections.Concurrent;
using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.HostBridge.Hosting;
using HemSim.HostBridge.Tests.Hosting;
using HemSim.Transport;
using HemSim.Transport.Control;

namespace HemSim.HostBridge.Tests.Http;

/// <summary>
/// The dashboard installed on the device (issue #7, spec §11.14), fetched with GetDashboard (PROTOCOL.md §6.5) and
/// served by the bridge at GET/HEAD outside <c>/api</c> when there is no <c>--static</c>; the rest goes to the device.
/// </summary>
[TestClass]
public sealed class DeviceDashboardTests
{
    private const string Index = "<html>device dashboard</html>";

    private static readonly byte[] s_archive = new DashboardTar()
        .File("./index.html", Index)
        .File("./app/main.js", "let x = 1;")
        .File("./css/site.css", "body{}")
        .File("./sub/index.html", "<html>sub</html>")
        .File("./api/status", "not the device")
        .File("./notes.unknownext", "no known type")
        .File("../outside.txt", "escaped")
        .Link(TarEntryType.SymbolicLink, "./link.html", "index.html")
        .ToArray();

    private static string s_folder = null!;
    private static BridgeHost s_host = null!;
    private static FakeDeviceChannel s_device = null!;
    private static DashboardDevice s_control = null!;

    [ClassInitialize]
    public static async Task StartBridgeAsync(TestContext context)
    {
        s_folder = TestBridge.NewDataFolder();
        s_device = new FakeDeviceChannel();
        s_control = new DashboardDevice();
        var options = new BridgeOptions { DataDirectory = s_folder, HttpPort = 0, HttpsPort = 0 };
        s_host = await BridgeHost.StartAsync(options, s_device, s_control);
    }

    [ClassCleanup]
    public static async Task StopBridgeAsync()
    {
        await s_host.DisposeAsync();
        Directory.Delete(s_folder, recursive: true);
    }

    [TestInitialize]
    public void Install()
    {
        s_device.Respond = _ => ApiResponse.Empty(404);
        s_control.Tar = s_archive;
        s_control.Failure = null;
        s_control.Answer = null;
    }

    [TestMethod]
    public async Task Root_serves_index_html_with_length_type_and_connection_close()
    {
        int before = s_device.Received.Count;

        RawHttpResponse response = await GetAsync("/");

        response.StatusCode.Should().Be(200);
        Encoding.UTF8.GetString(response.Body).Should().Be(Index);
        response.ExactHeader("Content-Type").Should().Equal("text/html");
        response.ExactHeader("Content-Length").Should().Equal(Index.Length.ToString());
        response.ExactHeader("Connection").Should().Equal("close");
        response.AnyCaseHeader("Transfer-Encoding").Should().BeEmpty();
        s_device.Received.Count.Should().Be(before, "a served file never reaches the device");
    }

    [TestMethod]
    [DataRow("/app/main.js", "text/javascript", "let x = 1;")]
    [DataRow("/css/site.css", "text/css", "body{}")]
    [DataRow("/sub/", "text/html", "<html>sub</html>")]
    public async Task Nested_files_carry_the_content_type_of_their_extension(string path, string contentType, string body)
    {
        RawHttpResponse response = await GetAsync(path);

        response.StatusCode.Should().Be(200);
        response.ExactHeader("Content-Type").Should().Equal(contentType);
        response.ExactHeader("Content-Length").Should().Equal(body.Length.ToString());
        Encoding.UTF8.GetString(response.Body).Should().Be(body);
    }

    [TestMethod]
    public async Task Head_gives_the_length_without_the_body()
    {
        RawHttpResponse response = await SendAsync("HEAD / HTTP/1.1\r\nHost: my.ence.do");

        response.StatusCode.Should().Be(200);
        response.ExactHeader("Content-Length").Should().Equal(Index.Length.ToString());
        response.Body.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Folder_without_trailing_slash_is_redirected_to_it()
    {
        RawHttpResponse response = await GetAsync("/sub");

        response.StatusCode.Should().Be(301);
        response.ExactHeader("Location").Single().Should().EndWith("/sub/");
    }

    [TestMethod]
    [DataRow("/api/status")]
    [DataRow("/api")]
    public async Task Api_paths_always_go_to_the_device_even_when_the_archive_has_the_file(string path)
    {
        s_device.Respond = _ => new ApiResponse(200, "{\"device\":true}"u8.ToArray());
        int asks = s_control.Asked.Count;

        RawHttpResponse response = await GetAsync(path);

        Encoding.UTF8.GetString(response.Body).Should().Be("{\"device\":true}");
        s_device.LastRequest.Path.Should().Be(path);
        s_control.Asked.Count.Should().Be(asks, "an API request does not ask for the dashboard");
    }

    [TestMethod]
    [DataRow("/../outside.txt", DisplayName = "entry outside the archive's root")]
    [DataRow("/outside.txt", DisplayName = "the same entry, dot segments resolved")]
    [DataRow("/link.html", DisplayName = "link entry")]
    [DataRow("/notes.unknownext", DisplayName = "unknown type")]
    [DataRow("/missing.html", DisplayName = "no such file")]
    public async Task Paths_the_archive_cannot_serve_go_to_the_device(string path)
    {
        int before = s_device.Received.Count;

        RawHttpResponse response = await GetAsync(path);

        response.StatusCode.Should().Be(404);
        response.Body.Should().BeEmpty();
        s_device.Received.Count.Should().Be(before + 1);
    }

    [TestMethod]
    public async Task Other_methods_go_to_the_device()
    {
        RawHttpResponse response = await SendAsync("DELETE /index.html HTTP/1.1\r\nHost: my.ence.do");

        response.StatusCode.Should().Be(404);
        s_device.LastRequest.Method.Should().Be("DELETE");
    }

    [TestMethod]
    public async Task Without_a_dashboard_the_device_answers_404()
    {
        s_control.Tar = null;

        RawHttpResponse response = await GetAsync("/");

        response.StatusCode.Should().Be(404);
        response.ExactHeader("Content-Length").Should().Equal("0");
        s_device.LastRequest.Path.Should().Be("/");
    }

    [TestMethod]
    public async Task Replaced_archive_is_served_once_its_tag_changed_with_a_new_etag()
    {
        // Arrange: the same length, so only the time can tell the ETags apart
        RawHttpResponse before = await GetAsync("/index.html");
        string replaced = Index.Replace("device", "DEVICE", StringComparison.Ordinal);
        s_control.Tar = new DashboardTar().File("index.html", replaced).ToArray();

        // Act
        RawHttpResponse after = await GetAsync("/index.html");
        RawHttpResponse gone = await GetAsync("/app/main.js");

        // Assert
        Encoding.UTF8.GetString(before.Body).Should().Be(Index);
        Encoding.UTF8.GetString(after.Body).Should().Be(replaced);
        after.ExactHeader("ETag").Should().NotEqual(before.ExactHeader("ETag"));
        gone.StatusCode.Should().Be(404, "files of the old archive are gone with it");
    }

    [TestMethod]
    public async Task Bridge_sends_the_tag_it_holds_and_an_unchanged_archive_crosses_as_nothing()
    {
        await GetAsync("/");
        int asks = s_control.Asked.Count;
        int whole = s_control.Sent;

        await GetAsync("/app/main.js");

        s_control.Asked.Count.Should().Be(asks + 1, "one ask per request outside /api");
        s_control.Asked.Last().Should().Equal(SHA256.HashData(s_archive));
        s_control.Sent.Should().Be(whole, "the archive crossed once");
    }

    [TestMethod]
    public async Task Unreachable_device_leaves_the_archive_held_being_served()
    {
        await GetAsync("/");
        s_control.Tar = new DashboardTar().File("index.html", "newer").ToArray();
        s_control.Failure = new LinkClosedException("unplugged");

        RawHttpResponse response = await GetAsync("/");

        response.StatusCode.Should().Be(200);
        Encoding.UTF8.GetString(response.Body).Should().Be(Index);
    }

    [TestMethod]
    public async Task Device_without_the_operation_serves_no_dashboard()
    {
        await using var bridge = await StartAsync(new DashboardDevice { Answer = ControlResult.Unsupported() });

        RawHttpResponse response = await RawHttp.ExchangeAsync(bridge.HttpAddress, null, RawHttp.Request("GET / HTTP/1.1\r\nHost: my.ence.do"));

        response.StatusCode.Should().Be(404);
    }

    private static async Task<BridgeHost> StartAsync(IDeviceControl control)
    {
        var options = new BridgeOptions { DataDirectory = Path.Combine(s_folder, Guid.NewGuid().ToString("N")), HttpPort = 0, HttpsPort = 0 };
        var device = new FakeDeviceChannel { Respond = _ => ApiResponse.Empty(404) };
        return await BridgeHost.StartAsync(options, device, control);
    }

    private static Task<RawHttpResponse> GetAsync(string path) => SendAsync($"GET {path} HTTP/1.1\r\nHost: my.ence.do");

    private static Task<RawHttpResponse> SendAsync(string head) =>
        RawHttp.ExchangeAsync(s_host.HttpAddress, null, RawHttp.Request(head));

    /// <summary>A device control that answers GetDashboard for <see cref="Tar"/> as the device does, and nothing else.</summary>
    private sealed class DashboardDevice : IDeviceControl
    {
        private int _sent;

        /// <summary>The installed tar; null when none is.</summary>
        public byte[]? Tar { get; set; }

        /// <summary>Thrown instead of answering, when set.</summary>
        public Exception? Failure { get; set; }

        /// <summary>Answered instead of the dashboard, when set.</summary>
        public ControlResult? Answer { get; set; }

        /// <summary>The tags sent, oldest first.</summary>
        public ConcurrentQueue<byte[]> Asked { get; } = new();

        /// <summary>How often a whole archive was sent.</summary>
        public int Sent => Volatile.Read(ref _sent);

        public Task<ControlResult> ControlAsync(ControlOperation operation, ReadOnlyMemory<byte> argument, CancellationToken cancellationToken = default)
        {
            if (operation != ControlOperation.GetDashboard)
            {
                return Task.FromResult(ControlResult.Unsupported());
            }
            Asked.Enqueue(argument.ToArray());
            if (Failure is { } failure)
            {
                return Task.FromException<ControlResult>(failure);
            }
            if (Answer is { } answer)
            {
                return Task.FromResult(answer);
            }
            byte[] tag = Tar is null ? new byte[HemDevice.DashboardTagSize] : SHA256.HashData(Tar);
            if (argument.Span.SequenceEqual(tag))
            {
                return Task.FromResult(ControlResult.Ok(ReadOnlyMemory<byte>.Empty));
            }
            Interlocked.Increment(ref _sent);
            byte[] data = [.. tag, .. Tar ?? []];
            return Task.FromResult(ControlResult.Ok(data));
        }
    }
}
