using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Device;
using HemSim.Transport.Links;
using HemSim.Transport.Session;
using HemSim.Transport.Tests.Support;

namespace HemSim.Transport.Tests.Links;

/// <summary>The device-created pseudo-terminal: publication under a stable path, hot-plug of hosts, big messages.</summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
[SupportedOSPlatform("linux")]
public sealed class PtyLinkTests
{
    private const string Identity = "HemSim PPA 1.2.2-sim";

    private readonly TemporaryPorts _ports = new();

    [TestCleanup]
    public void DeleteFolder() => _ports.Dispose();

    [TestMethod]
    public async Task Publishes_its_terminal_as_a_symlink_and_removes_it_on_dispose()
    {
        // Arrange
        string path = _ports.NewPath();

        // Act
        PtyLink link = PtyLink.Create(path);
        string? published = new FileInfo(path).LinkTarget;
        await link.DisposeAsync();

        // Assert
        published.Should().Be(link.TerminalPath).And.StartWith("/dev/pts/");
        new FileInfo(path).Exists.Should().BeFalse();
        File.Exists(PortLock.PathOf(path)).Should().BeFalse();
    }

    [TestMethod]
    public async Task Replaces_a_stale_symlink_whose_device_is_gone()
    {
        // Arrange: what a killed device leaves behind — its symlink and an unlocked lock file
        string path = _ports.NewPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, "/dev/pts/no-such-terminal");
        await File.WriteAllTextAsync(PortLock.PathOf(path), "pid=1 terminal=/dev/pts/no-such-terminal\n");

        // Act
        await using PtyLink link = PtyLink.Create(path);

        // Assert
        new FileInfo(path).LinkTarget.Should().Be(link.TerminalPath);
    }

    [TestMethod]
    public async Task Refuses_a_path_that_a_running_device_owns()
    {
        string path = _ports.NewPath();
        await using PtyLink first = PtyLink.Create(path);

        FluentActions.Invoking(() => PtyLink.Create(path)).Should().Throw<IOException>().WithMessage("*in use*");
        new FileInfo(path).LinkTarget.Should().Be(first.TerminalPath);
    }

    [TestMethod]
    public async Task Refuses_to_replace_a_regular_file()
    {
        string path = _ports.NewPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "not a port");

        FluentActions.Invoking(() => PtyLink.Create(path)).Should().Throw<IOException>().WithMessage("*not a symlink*");
        (await File.ReadAllTextAsync(path)).Should().Be("not a port");
    }

    [TestMethod]
    public async Task A_host_killed_without_closing_the_port_does_not_lock_out_the_next()
    {
        // Arrange: what System.IO.Ports leaves when its process dies — the terminal in exclusive mode
        await using PtyLink link = PtyLink.Create(_ports.NewPath());
        using (Microsoft.Win32.SafeHandles.SafeFileHandle killedHost = LibC.OpenRaw(link.TerminalPath))
        {
            LibC.SetExclusiveMode(killedHost);
        }

        // Act: the next host looks (root may open an exclusive terminal, so the flag itself is checked)
        using Microsoft.Win32.SafeHandles.SafeFileHandle nextHost = LibC.OpenRaw(link.TerminalPath);
        bool exclusive = LibC.IsExclusive(nextHost);
        for (int i = 0; exclusive && i < 100; i++)
        {
            await Task.Delay(20);
            exclusive = LibC.IsExclusive(nextHost);
        }

        // Assert
        exclusive.Should().BeFalse("the device takes the terminal out of exclusive mode when a host closes it");
    }

    [TestMethod]
    public async Task A_host_can_leave_and_the_next_host_is_served()
    {
        // Arrange: one device for its whole life, hosts coming and going (hot-plug)
        await using PtyLink link = PtyLink.Create(_ports.NewPath());
        await using DeviceSession device = DeviceSession.Start(link, Echo, Identity);

        for (int host = 0; host < 3; host++)
        {
            // Act
            await using SerialPortLink port = SerialPortLink.Open(link.Path);
            await using HostSession session = await HostSession.ConnectAsync(port).Within();
            ApiResponse response = await session.SendAsync(ApiRequest.Post("/api/echo", [(byte)host])).Within();

            // Assert
            response.Body.Should().Equal((byte)host);
        }
    }

    [TestMethod]
    public async Task A_new_host_never_gets_an_answer_meant_for_the_host_before_it()
    {
        // Arrange: the first host leaves while the device works on its request, so the answer lands in the port
        await using PtyLink link = PtyLink.Create(_ports.NewPath());
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using DeviceSession device = DeviceSession.Start(link, async (request, _) =>
        {
            if (request.Path == "/api/slow")
            {
                await Task.Delay(200);
                answered.TrySetResult();
                return new ApiResponse(200, Encoding.ASCII.GetBytes("for the first host"));
            }
            return new ApiResponse(200, request.Body);
        }, Identity);
        await using (SerialPortLink first = SerialPortLink.Open(link.Path))
        {
            await using HostSession session = await HostSession.ConnectAsync(first).Within();
            _ = session.SendAsync(ApiRequest.Get("/api/slow"));
            await Task.Delay(50);
        }
        await answered.Task.Within();
        await Task.Delay(100);

        // Act: the second host's first request has the same sequence number as the first host's
        await using SerialPortLink second = SerialPortLink.Open(link.Path);
        await using HostSession host = await HostSession.ConnectAsync(second).Within();
        ApiResponse response = await host.SendAsync(ApiRequest.Post("/api/echo", Encoding.ASCII.GetBytes("for the second host"))).Within();

        // Assert
        Encoding.ASCII.GetString(response.Body).Should().Be("for the second host");
    }

    [TestMethod]
    public async Task Upload_sized_message_of_16_MiB_crosses_intact()
    {
        // Arrange: the largest body the bridge carries (/api/system/upgrade/upload_*)
        await using PtyLink link = PtyLink.Create(_ports.NewPath());
        await using DeviceSession device = DeviceSession.Start(link,
            (request, _) => Task.FromResult(new ApiResponse(200, SHA256.HashData(request.Body))), Identity);
        await using SerialPortLink port = SerialPortLink.Open(link.Path);
        await using HostSession host = await HostSession.ConnectAsync(port).Within();
        byte[] body = RandomNumberGenerator.GetBytes(16 * 1024 * 1024);

        // Act
        ApiResponse response = await host.SendAsync(new ApiRequest("POST", "/api/system/upgrade/upload_fw", true, body)).Within();

        // Assert
        response.Body.Should().Equal(SHA256.HashData(body));
    }

    private static Task<ApiResponse> Echo(ApiRequest request, CancellationToken _) =>
        Task.FromResult(new ApiResponse(200, request.Body));
}
