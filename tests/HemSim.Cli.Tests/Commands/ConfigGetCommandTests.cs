using System.Text.Json;
using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class ConfigGetCommandTests
{
    [TestMethod]
    public async Task Get_prints_the_settings_as_text_without_the_protocol_values()
    {
        // Arrange
        await using FakeHem hem = await ConfigCommandRig.StartAsync();

        // Act
        CliResult result = await new CliInvocation().RunAsync("config", "get", "--url", hem.UrlText, "--token", ConfigCommandRig.Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        RecordedRequest request = hem.Requests.Should().ContainSingle().Subject;
        (request.Method, request.Path, request.Authorization).Should().Be(("GET", "/api/system/config", "Bearer " + ConfigCommandRig.Token));
        string[] lines = result.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain(l => l.StartsWith("user:") && l.EndsWith(" Alice"));
        lines.Should().Contain(l => l.StartsWith("trusted_ts:") && l.EndsWith(" on"));
        lines.Should().Contain(l => l.StartsWith("allow_keysearch:") && l.EndsWith(" off"));
        lines.Should().Contain(l => l.StartsWith("uts:") && l.EndsWith(" 2025-11-24T16:01:40Z (1764000100)"));
        lines.Should().Contain(l => l.StartsWith("storage_disk0size:") && l.EndsWith(" 8388608"));
        result.Out.Should().NotContain("nonce").And.NotContain("spk").And.NotContain(ConfigCommandRig.Nonce);
    }

    [TestMethod]
    public async Task Get_with_json_prints_the_answer_as_it_came()
    {
        // Arrange
        await using FakeHem hem = await ConfigCommandRig.StartAsync();

        // Act
        CliResult result = await new CliInvocation().RunAsync("config", "get", "--json", "--url", hem.UrlText, "--token", ConfigCommandRig.Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Be(ConfigCommandRig.ConfigJson + Environment.NewLine);
    }

    [TestMethod]
    public async Task Get_without_a_token_logs_in_for_system_config()
    {
        // Arrange
        await using FakeHem hem = await ConfigCommandRig.StartAsync();
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = SharedVectors.Login.User.Passphrase;

        // Act
        CliResult result = await cli.RunAsync("config", "get", "--url", hem.UrlText);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal("GET /api/auth/token", "POST /api/auth/token", "GET /api/system/config");
        string auth = JsonDocument.Parse(hem.Requests[1].Body).RootElement.GetProperty("auth").GetString()!;
        FakeDeviceAuth.VerifiedPayload(auth)!.Value.GetProperty("scope").GetString().Should().Be("system:config");
        hem.Requests[2].Authorization.Should().StartWith("Bearer ");
    }

    [TestMethod]
    public async Task Get_refused_with_403_explains_the_scope()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/config", FakeReply.Status(403));

        // Act
        CliResult result = await new CliInvocation().RunAsync("config", "get", "--url", hem.UrlText, "--token", ConfigCommandRig.Token);

        // Assert
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("error: 403").And.Contain("hint: the token does not allow system:config");
    }
}
