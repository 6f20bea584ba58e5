using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class KeysDeleteCommandTests
{
    private const string Token = "del-token";
    private const string Kid = "3a1f0c9d8e7b6a5f4e3d2c1b0a998877";

    [TestMethod]
    public async Task Delete_sends_DELETE_with_the_kid_in_the_path_and_no_body()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("DELETE", "/api/keymgmt/delete/" + Kid, FakeReply.Status(200));

        // Act
        CliResult result = await new CliInvocation().RunAsync("keys", "delete", Kid, "--url", hem.UrlText, "--token", Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        RecordedRequest delete = hem.Requests.Should().ContainSingle().Subject;
        delete.Method.Should().Be("DELETE");
        delete.Authorization.Should().Be("Bearer " + Token);
        delete.Body.Should().BeEmpty();
        result.Out.Should().Be($"deleted {Kid}" + Environment.NewLine);
    }

    [TestMethod]
    public async Task Delete_over_plain_http_explains_the_409_quirk()
    {
        // FakeHem listens on plain HTTP: the device's answer there is 409 (spec §3.4).
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("DELETE", "/api/keymgmt/delete/" + Kid, FakeReply.Status(409));

        CliResult result = await new CliInvocation().RunAsync("keys", "delete", Kid, "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Be(
            "error: 409 wrong state (fault latched, not initialised, or busy)" + Environment.NewLine
            + "hint: delete needs HTTPS: over plain HTTP the device answers 409 (spec §3.4); use an https:// URL" + Environment.NewLine);
    }

    [TestMethod]
    public async Task Delete_of_an_unknown_kid_reports_406()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("DELETE", "/api/keymgmt/delete/" + Kid, FakeReply.Status(406));

        CliResult result = await new CliInvocation().RunAsync("keys", "delete", Kid, "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("error: 406").And.Contain("hint: no key with this kid");
    }

    [TestMethod]
    public async Task Delete_with_a_bad_kid_sends_nothing()
    {
        await using FakeHem hem = await FakeHem.StartAsync();

        CliResult result = await new CliInvocation().RunAsync("keys", "delete", "not-a-kid", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("KID must be exactly 32 hex characters");
        hem.Requests.Should().BeEmpty();
    }
}
