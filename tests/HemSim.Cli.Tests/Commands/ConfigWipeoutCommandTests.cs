using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class ConfigWipeoutCommandTests
{
    [TestMethod]
    public async Task Wipeout_without_yes_sends_nothing()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();

        // Act
        CliResult result = await new CliInvocation().RunAsync("config", "wipeout", "--url", hem.UrlText, "--token", ConfigCommandRig.Token);

        // Assert
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("add --yes to confirm");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Wipeout_with_yes_posts_wipeout_true()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/system/config", FakeReply.Status(200));

        // Act
        CliResult result = await new CliInvocation().RunAsync("config", "wipeout", "--yes", "--url", hem.UrlText, "--token", ConfigCommandRig.Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        RecordedRequest request = hem.Requests.Should().ContainSingle().Subject;
        (request.Method, request.Path, request.Body).Should().Be(("POST", "/api/system/config", """{"wipeout":true}"""));
        request.Authorization.Should().Be("Bearer " + ConfigCommandRig.Token);
        result.Out.Should().Contain("factory-fresh");
    }

    [TestMethod]
    public async Task Wipeout_refused_with_406_explains_the_role()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/system/config", FakeReply.Status(406));

        // Act
        CliResult result = await new CliInvocation().RunAsync("config", "wipeout", "--yes", "--url", hem.UrlText, "--token", ConfigCommandRig.Token);

        // Assert
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("hint: only the user or admin may wipe the device");
    }
}
