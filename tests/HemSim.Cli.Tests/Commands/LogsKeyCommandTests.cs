using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class LogsKeyCommandTests
{
    private const string Token = "logger-token";

    [TestMethod]
    public async Task Key_prints_the_key_and_nonce_and_says_the_signature_was_checked()
    {
        // Arrange: the vendor's sample answer, whose signature verifies.
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/logger/key", FakeReply.Json(VendorSample.KeyAnswer));

        // Act
        CliResult result = await new CliInvocation().RunAsync("logs", "key", "--url", hem.UrlText, "--token", Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer " + Token);
        result.Out.Should().Be(string.Join(Environment.NewLine,
            "key:   " + VendorSample.Key,
            "nonce: " + VendorSample.Nonce,
            "nonce_signed: valid (Ed25519 signature of the nonce under this key, checked locally)",
            ""));
    }

    [TestMethod]
    public async Task Key_fails_when_the_nonce_signature_does_not_verify()
    {
        // Arrange: another nonce under the same signature.
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/logger/key", FakeReply.Json(VendorSample.KeyAnswer.Replace(VendorSample.Nonce, "Q4M0YrCmPemejJg2zRYFPl4uZu7p8kG1IQDnrRHLMZg=")));

        // Act
        CliResult result = await new CliInvocation().RunAsync("logs", "key", "--url", hem.UrlText, "--token", Token);

        // Assert
        result.ExitCode.Should().Be(1);
        result.Out.Should().Contain("nonce_signed: INVALID");
        result.Error.Should().Contain("does not verify");
    }

    [TestMethod]
    public async Task Key_with_json_prints_the_device_answer()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/logger/key", FakeReply.Json(VendorSample.KeyAnswer));

        CliResult result = await new CliInvocation().RunAsync("logs", "key", "--json", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Be(VendorSample.KeyAnswer + Environment.NewLine);
    }

    [TestMethod]
    public async Task Key_refuses_a_key_that_is_not_32_bytes()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/logger/key", FakeReply.Json("""{"key":"AAAA","nonce":"AAAA","nonce_signed":"AAAA"}"""));

        CliResult result = await new CliInvocation().RunAsync("logs", "key", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("unexpected answer").And.Contain("32");
    }

    [TestMethod]
    public async Task Key_explains_a_403()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/logger/key", FakeReply.Status(403));

        CliResult result = await new CliInvocation().RunAsync("logs", "key", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("error: 403").And.Contain("hint: the token does not allow logger:get");
    }

    [TestMethod]
    [DataRow(new[] { "logs", "key" }, "GET /api/logger/key", DisplayName = "key")]
    [DataRow(new[] { "logs", "list" }, "GET /api/logger/list", DisplayName = "list")]
    [DataRow(new[] { "logs", "get", "62310b2b" }, "GET /api/logger/62310b2b", DisplayName = "get")]
    public async Task Logs_verb_without_a_token_logs_in_with_logger_get_first(string[] args, string call)
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/auth/token", FakeDeviceAuth.LoginChallenge());
        hem.On("POST", "/api/auth/token", FakeDeviceAuth.Login);
        string[] parts = call.Split(' ');
        hem.On(parts[0], parts[1], FakeReply.Json(call.EndsWith("key", StringComparison.Ordinal)
            ? VendorSample.KeyAnswer
            : """{"total":1,"id":["62310b2b"]}"""));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = SharedVectors.Login.User.Passphrase;
        string issued = FakeDeviceAuth.BearerToken("logger:get", "U", CliInvocation.VectorNow, CliInvocation.VectorNow + 3600);

        // Act
        CliResult result = await cli.RunAsync([.. args, "--url", hem.UrlText]);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(request => $"{request.Method} {request.Path}").Should().Equal("GET /api/auth/token", "POST /api/auth/token", call);
        hem.Requests[2].Authorization.Should().Be("Bearer " + issued);
        result.AllOutput.Should().NotContain(issued);
    }
}
