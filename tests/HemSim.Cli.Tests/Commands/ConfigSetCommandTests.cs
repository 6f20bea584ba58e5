using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class ConfigSetCommandTests
{
    [TestMethod]
    [DataRow(new[] { "--user", "Bob" }, """{"user":"Bob"}""", DisplayName = "user")]
    [DataRow(new[] { "--email", "a@b.c", "--origin", "*.example.com" }, """{"email":"a@b.c","origin":"*.example.com"}""", DisplayName = "texts")]
    [DataRow(new[] { "--trusted-ts", "on", "--trusted-backend", "off", "--allow-keysearch", "ON", "--hsts", "off", "--dnsd", "on" },
        """{"trusted_ts":true,"trusted_backend":false,"allow_keysearch":true,"http_option_hsts":false,"dnsd":true}""", DisplayName = "switches")]
    [DataRow(new[] { "--ctx", "3", "--dosprot-mode", "4", "--storage-mode", "160", "--storage-disk0size", "1024" },
        """{"ctx":3,"http_option_dosprot_mode":4,"storage_mode":160,"storage_disk0size":1024}""", DisplayName = "numbers")]
    public async Task Set_posts_only_the_given_fields(string[] options, string body)
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/system/config", FakeReply.Json("""{"updated":true}"""));

        // Act
        CliResult result = await new CliInvocation().RunAsync(["config", "set", .. options, "--url", hem.UrlText, "--token", ConfigCommandRig.Token]);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        RecordedRequest request = hem.Requests.Should().ContainSingle().Subject;
        request.Authorization.Should().Be("Bearer " + ConfigCommandRig.Token);
        request.Body.Should().Be(body);
        result.Out.Should().Be("updated" + Environment.NewLine);
    }

    [TestMethod]
    public async Task Set_reports_when_the_device_changed_nothing()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/system/config", FakeReply.Json("""{"updated":false}"""));

        // Act
        CliResult result = await new CliInvocation().RunAsync("config", "set", "--user", "Same", "--url", hem.UrlText, "--token", ConfigCommandRig.Token);
        CliResult json = await new CliInvocation().RunAsync("config", "set", "--user", "Same", "--json", "--url", hem.UrlText, "--token", ConfigCommandRig.Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().StartWith("no change");
        json.Out.Should().Be("""{"updated":false}""" + Environment.NewLine);
    }

    [TestMethod]
    [DataRow(new string[0], "nothing to change", DisplayName = "no option")]
    [DataRow(new[] { "--user", "123456789012345678901234567890123" }, "--user is at most 32 characters", DisplayName = "user 33")]
    [DataRow(new[] { "--trusted-ts", "maybe" }, "--trusted-ts takes on or off", DisplayName = "switch")]
    [DataRow(new[] { "--dosprot-mode", "5" }, "--dosprot-mode must be 0–4", DisplayName = "dosprot")]
    [DataRow(new[] { "--ctx", "-1" }, "--ctx must not be negative", DisplayName = "ctx")]
    public async Task Set_with_unusable_arguments_sends_nothing(string[] options, string message)
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();

        // Act
        CliResult result = await new CliInvocation().RunAsync(["config", "set", .. options, "--url", hem.UrlText, "--token", ConfigCommandRig.Token]);

        // Assert
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(message);
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Set_refused_with_400_says_nothing_changed()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/system/config", new FakeReply(400, """{"updated":false}"""));

        // Act
        CliResult result = await new CliInvocation().RunAsync("config", "set", "--email", "x", "--url", hem.UrlText, "--token", ConfigCommandRig.Token);

        // Assert
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("error: 400").And.Contain("hint: the device refused a value; nothing was changed");
    }
}
