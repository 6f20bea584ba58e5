using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class KeysUpdateCommandTests
{
    private const string Token = "upd-token";
    private const string Kid = "3a1f0c9d8e7b6a5f4e3d2c1b0a998877";

    [TestMethod]
    [DataRow(new string[0], """{"kid":"3a1f0c9d8e7b6a5f4e3d2c1b0a998877","label":"renamed"}""", DisplayName = "label only")]
    [DataRow(new[] { "--descr", "E2E:new" }, """{"kid":"3a1f0c9d8e7b6a5f4e3d2c1b0a998877","label":"renamed","descr":"RTJFOm5ldw=="}""", DisplayName = "descr text")]
    [DataRow(new[] { "--descr-b64", "AAH_" }, """{"kid":"3a1f0c9d8e7b6a5f4e3d2c1b0a998877","label":"renamed","descr":"AAH/"}""", DisplayName = "descr b64")]
    [DataRow(new[] { "--clear-descr" }, """{"kid":"3a1f0c9d8e7b6a5f4e3d2c1b0a998877","label":"renamed","descr":""}""", DisplayName = "clear")]
    public async Task Update_posts_kid_label_and_the_description_change(string[] options, string body)
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/update", FakeReply.Status(200));

        // Act
        CliResult result = await new CliInvocation().RunAsync(
            ["keys", "update", Kid.ToUpperInvariant(), "--label", "renamed", .. options, "--url", hem.UrlText, "--token", Token]);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        RecordedRequest update = hem.Requests.Should().ContainSingle().Subject;
        update.Authorization.Should().Be("Bearer " + Token);
        update.Body.Should().Be(body);
        result.Out.Should().Be($"updated {Kid}" + Environment.NewLine);
    }

    [TestMethod]
    public async Task Update_of_an_unknown_kid_reports_406_with_its_meaning()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/update", FakeReply.Status(406));

        CliResult result = await new CliInvocation().RunAsync("keys", "update", Kid, "--label", "x", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("error: 406").And.Contain("hint: no key with this kid");
    }

    [TestMethod]
    [DataRow(new[] { "xyz", "--label", "x" }, "KID must be exactly 32 hex characters", DisplayName = "bad kid")]
    [DataRow(new[] { Kid, "--label", "" }, "--label", DisplayName = "empty label")]
    [DataRow(new[] { Kid, "--label", "x", "--clear-descr", "--descr", "y" }, "--clear-descr excludes", DisplayName = "clear and set")]
    [DataRow(new[] { Kid }, "--label", DisplayName = "no label")]
    public async Task Update_with_unusable_arguments_sends_nothing(string[] args, string message)
    {
        await using FakeHem hem = await FakeHem.StartAsync();

        CliResult result = await new CliInvocation().RunAsync(["keys", "update", .. args, "--url", hem.UrlText, "--token", Token]);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(message);
        hem.Requests.Should().BeEmpty();
    }
}
