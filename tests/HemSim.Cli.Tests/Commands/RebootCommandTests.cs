using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class RebootCommandTests
{
    [TestMethod]
    public async Task Reboot_with_a_token_sends_it_without_asking_for_the_status()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/reboot", FakeReply.Status(200));

        // Act
        CliResult result = await new CliInvocation().RunAsync("reboot", "--url", hem.UrlText, "--token", "boot-token");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        RecordedRequest request = hem.Requests.Should().ContainSingle().Subject;
        request.Path.Should().Be("/api/system/reboot");
        request.Authorization.Should().Be("Bearer boot-token");
        result.Out.Should().StartWith("rebooting:");
    }

    [TestMethod]
    public async Task Reboot_of_a_fresh_device_sends_no_token()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json("""{"inited":false,"ctx":0,"uptime":3,"temp":31,"fls_state":0}"""));
        hem.On("GET", "/api/system/reboot", FakeReply.Status(200));

        // Act
        CliResult result = await new CliInvocation().RunAsync("reboot", "--url", hem.UrlText);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal("GET /api/system/status", "GET /api/system/reboot");
        hem.Requests[1].Authorization.Should().BeNull();
    }

    [TestMethod]
    public async Task Reboot_of_an_initialised_device_logs_in_with_system_shutdown()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json("""{"ctx":0,"uptime":3,"temp":31,"fls_state":0}"""));
        hem.On("GET", "/api/auth/token", FakeDeviceAuth.LoginChallenge());
        hem.On("POST", "/api/auth/token", FakeDeviceAuth.Login);
        hem.On("GET", "/api/system/reboot", FakeReply.Status(200));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = SharedVectors.Login.User.Passphrase;
        string issued = FakeDeviceAuth.BearerToken("system:shutdown", "U", CliInvocation.VectorNow, CliInvocation.VectorNow + 3600);

        // Act
        CliResult result = await cli.RunAsync("reboot", "--url", hem.UrlText, "--json");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal(
            "GET /api/system/status", "GET /api/auth/token", "POST /api/auth/token", "GET /api/system/reboot");
        hem.Requests[3].Authorization.Should().Be("Bearer " + issued);
        result.Out.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Reboot_refused_with_403_names_the_scopes_it_accepts()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/reboot", FakeReply.Status(403));

        CliResult result = await new CliInvocation().RunAsync("reboot", "--url", hem.UrlText, "--token", "t");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("hint: the token's scope must start with system:config, system:upgrade or system:shutdown");
    }
}
