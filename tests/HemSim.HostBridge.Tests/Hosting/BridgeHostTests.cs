using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using FluentAssertions;
using HemSim.HostBridge.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HemSim.HostBridge.Tests.Hosting;

[TestClass]
public sealed partial class BridgeHostTests
{
    [TestMethod]
    public async Task Port_0_binds_both_listeners_to_free_ports_on_loopback()
    {
        await using TestBridge bridge = await TestBridge.StartAsync();

        bridge.Host.HttpAddress.Host.Should().Be("127.0.0.1");
        bridge.Host.HttpsAddress.Host.Should().Be("127.0.0.1");
        bridge.Host.HttpAddress.Port.Should().BePositive();
        bridge.Host.HttpsAddress.Port.Should().BePositive().And.NotBe(bridge.Host.HttpAddress.Port);
        bridge.Host.HttpAddress.Scheme.Should().Be("http");
        bridge.Host.HttpsAddress.Scheme.Should().Be("https");
    }

    [TestMethod]
    public async Task Signals_belong_to_the_command_line_not_to_the_web_host()
    {
        // The default ConsoleLifetime's own SIGTERM handler raced System.CommandLine's: a SIGTERM right after start
        // now and then waited out the 30 s shutdown timeout (HostBridge/Hosting/CallerOwnedLifetime.cs).
        await using TestBridge bridge = await TestBridge.StartAsync();

        bridge.Host.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostLifetime>().Should().BeOfType<CallerOwnedLifetime>();
    }

    [TestMethod]
    public async Task Ready_line_names_the_bound_addresses_and_the_absolute_CA_path()
    {
        await using TestBridge bridge = await TestBridge.StartAsync();

        Match line = ReadyLinePattern().Match(bridge.Host.ReadyLine);

        line.Success.Should().BeTrue(bridge.Host.ReadyLine);
        int.Parse(line.Groups["http"].Value).Should().Be(bridge.Host.HttpAddress.Port);
        int.Parse(line.Groups["https"].Value).Should().Be(bridge.Host.HttpsAddress.Port);
        line.Groups["ca"].Value.Should().Be(Path.Combine(Path.GetFullPath(bridge.DataDirectory), "ca.pem"));
        Path.IsPathRooted(line.Groups["ca"].Value).Should().BeTrue();
        File.Exists(line.Groups["ca"].Value).Should().BeTrue();
    }

    [TestMethod]
    public async Task Disposed_bridge_no_longer_listens()
    {
        // Arrange
        TestBridge bridge = await TestBridge.StartAsync();
        Uri http = bridge.Host.HttpAddress;

        // Act
        await bridge.DisposeAsync();

        // Assert
        using var client = new TcpClient();
        Func<Task> connect = () => client.ConnectAsync(http.Host, http.Port);
        await connect.Should().ThrowAsync<SocketException>();
    }

    [TestMethod]
    public async Task Port_in_use_fails_the_start_with_an_IOException()
    {
        // Arrange
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        int taken = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var options = new BridgeOptions { DataDirectory = TestBridge.NewDataFolder(), HttpPort = taken, HttpsPort = 0 };

        try
        {
            // Act
            Func<Task> start = () => BridgeHost.StartAsync(options, new FakeDeviceChannel());

            // Assert
            await start.Should().ThrowAsync<IOException>();
        }
        finally
        {
            Directory.Delete(options.DataDirectory, recursive: true);
        }
    }

    [GeneratedRegex(@"^HEMSIM READY http=http://127\.0\.0\.1:(?<http>\d+) https=https://127\.0\.0\.1:(?<https>\d+) ca=(?<ca>/\S+|[A-Za-z]:\\\S+)$")]
    private static partial Regex ReadyLinePattern();
}
