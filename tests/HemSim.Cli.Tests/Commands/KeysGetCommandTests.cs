using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class KeysGetCommandTests
{
    private const string Token = "get-token";
    private const string Kid = "3a1f0c9d8e7b6a5f4e3d2c1b0a998877";
    private const string Answer = """{"type":"ED25519","pubkey":"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=","updated":1764000000,"descr":"RTJFOnNpZ24="}""";

    [TestMethod]
    public async Task Get_asks_for_the_kid_in_lowercase_and_prints_the_key()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/keymgmt/get/" + Kid, FakeReply.Json(Answer));

        // Act
        CliResult result = await new CliInvocation().RunAsync("keys", "get", Kid.ToUpperInvariant(), "--url", hem.UrlText, "--token", Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer " + Token);
        result.Out.Should().Be(string.Join(Environment.NewLine,
            $"kid:     {Kid}",
            "type:    ED25519",
            "pubkey:  11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
            "updated: 2025-11-24T16:00:00Z (1764000000)",
            "descr:   E2E:sign",
            ""));
    }

    [TestMethod]
    public async Task Get_of_a_symmetric_key_prints_no_public_key()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/keymgmt/get/" + Kid, FakeReply.Json("""{"type":"AES256","updated":1764000001}"""));

        CliResult result = await new CliInvocation().RunAsync("keys", "get", Kid, "--url", hem.UrlText, "--token", Token);

        result.Out.Should().Contain("type:    AES256").And.NotContain("pubkey").And.NotContain("descr");
    }

    [TestMethod]
    public async Task Get_with_json_prints_the_device_answer()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/keymgmt/get/" + Kid, FakeReply.Json(Answer));

        CliResult result = await new CliInvocation().RunAsync("keys", "get", Kid, "--json", "--url", hem.UrlText, "--token", Token);

        result.Out.Should().Be(Answer + Environment.NewLine);
    }

    [TestMethod]
    public async Task Get_of_an_unknown_kid_reports_406_with_its_meaning()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/keymgmt/get/" + Kid, FakeReply.Status(406));

        CliResult result = await new CliInvocation().RunAsync("keys", "get", Kid, "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Be(
            "error: 406 operation failed (e.g. keystore full)" + Environment.NewLine + "hint: no key with this kid" + Environment.NewLine);
    }

    [TestMethod]
    [DataRow("3a1f0c9d8e7b6a5f4e3d2c1b0a99887", DisplayName = "31 characters")]
    [DataRow("3a1f0c9d8e7b6a5f4e3d2c1b0a9988770", DisplayName = "33 characters")]
    [DataRow("3a1f0c9d8e7b6a5f4e3d2c1b0a99887g", DisplayName = "not hex")]
    [DataRow("../../system/reboot0000000000000", DisplayName = "path")]
    public async Task Get_with_a_bad_kid_sends_nothing(string kid)
    {
        await using FakeHem hem = await FakeHem.StartAsync();

        CliResult result = await new CliInvocation().RunAsync("keys", "get", kid, "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Be($"error: KID must be exactly 32 hex characters (16 bytes), not '{kid}'" + Environment.NewLine);
        hem.Requests.Should().BeEmpty();
    }
}
