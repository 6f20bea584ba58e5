using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

/// <summary>How expected failures reach the user: one line on stderr, exit 1 (refusal) or 2 (no answer), no stack trace.</summary>
[TestClass]
public sealed class CommandRunnerTests
{
    [TestMethod]
    public async Task Answer_418_prints_tls_required_and_exits_1()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/create", FakeReply.Status(418));

        // Act
        CliResult result = await new CliInvocation().RunAsync(
            "keys", "create", "--url", hem.UrlText, "--token", "t.o.k", "--type", "AES256", "--label", "k");

        // Assert
        result.ExitCode.Should().Be(1);
        result.Error.Should().Be("error: 418 TLS required — use https" + Environment.NewLine);
        result.Out.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Answer_409_on_status_prints_the_wrong_state_meaning()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Status(409));

        CliResult result = await new CliInvocation().RunAsync("status", "--url", hem.UrlText);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Be("error: 409 wrong state (fault latched, not initialised, or busy)" + Environment.NewLine);
    }

    [TestMethod]
    public async Task Refused_connection_exits_2_with_a_clear_message()
    {
        // Arrange
        int closedPort = FreeLoopbackPort();

        // Act
        CliResult result = await new CliInvocation().RunAsync("status", "--url", $"http://127.0.0.1:{closedPort}");

        // Assert
        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith($"error: cannot reach http://127.0.0.1:{closedPort}: connection failed");
        result.Error.Should().NotContain("   at ");
    }

    [TestMethod]
    public async Task Answer_that_is_not_json_exits_1()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json("not json"));

        CliResult result = await new CliInvocation().RunAsync("status", "--url", hem.UrlText);

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: unexpected answer from the device:");
    }

    [TestMethod]
    [DataRow("ftp://127.0.0.1/")]
    [DataRow("127.0.0.1:8443")]
    public async Task Url_that_is_not_http_or_https_exits_1(string url)
    {
        CliResult result = await new CliInvocation().RunAsync("status", "--url", url);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--url must be an absolute http:// or https:// URL");
    }

    [TestMethod]
    public async Task Missing_required_option_exits_1()
    {
        CliResult result = await new CliInvocation().RunAsync("keys", "create", "--label", "k");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--type");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
