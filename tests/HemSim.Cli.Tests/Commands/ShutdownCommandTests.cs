using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class ShutdownCommandTests
{
    [TestMethod]
    public async Task Shutdown_sends_the_token_and_says_the_device_is_off()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/shutdown", FakeReply.Status(200));

        // Act
        CliResult result = await new CliInvocation().RunAsync("shutdown", "--url", hem.UrlText, "--token", "off-token");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        RecordedRequest request = hem.Requests.Should().ContainSingle().Subject;
        request.Authorization.Should().Be("Bearer off-token");
        result.Out.Should().StartWith("shut down: the device answers nothing");
    }

    [TestMethod]
    public async Task Shutdown_json_prints_nothing_for_the_empty_answer()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/shutdown", FakeReply.Status(200));

        CliResult result = await new CliInvocation().RunAsync("shutdown", "--url", hem.UrlText, "--token", "t", "--json");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Shutdown_without_a_token_logs_in_with_system_shutdown_even_on_a_fresh_device()
    {
        // Arrange: shutdown always needs a token (spec §11.17), so the CLI never asks whether the device is fresh.
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/auth/token", FakeDeviceAuth.LoginChallenge());
        hem.On("POST", "/api/auth/token", FakeDeviceAuth.Login);
        hem.On("GET", "/api/system/shutdown", FakeReply.Status(200));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = SharedVectors.Login.User.Passphrase;
        string issued = FakeDeviceAuth.BearerToken("system:shutdown", "U", CliInvocation.VectorNow, CliInvocation.VectorNow + 3600);

        // Act
        CliResult result = await cli.RunAsync("shutdown", "--url", hem.UrlText);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal("GET /api/auth/token", "POST /api/auth/token", "GET /api/system/shutdown");
        hem.Requests[2].Authorization.Should().Be("Bearer " + issued);
    }

    [TestMethod]
    public async Task Shutdown_refused_with_403_names_the_scopes_it_needs()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/shutdown", FakeReply.Status(403));

        CliResult result = await new CliInvocation().RunAsync("shutdown", "--url", hem.UrlText, "--token", "t");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("error: 403").And.Contain("hint: the token's scope must start with system:config or system:shutdown");
    }

    [TestMethod]
    public async Task Shutdown_of_a_device_that_is_off_says_so()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/shutdown", FakeReply.Status(503));

        CliResult result = await new CliInvocation().RunAsync("shutdown", "--url", hem.UrlText, "--token", "t");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("error: 503").And.Contain("hint: the device is already off");
    }
}
