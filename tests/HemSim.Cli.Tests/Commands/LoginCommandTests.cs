using System.Text.Json;
using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

/// <summary>
/// Logins against a fake device that hands out the vectors' challenge: at the vectors' time with <c>--exp 600</c>
/// the client must post exactly the vectors' <c>auth</c>.
/// </summary>
[TestClass]
public sealed class LoginCommandTests
{
    private static LoginVectorFile Vectors => SharedVectors.Login;

    [TestMethod]
    public async Task Login_posts_exactly_the_vector_user_proof()
    {
        // Arrange
        await using FakeHem hem = await StartDeviceAsync();
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = Vectors.User.Passphrase;

        // Act
        CliResult result = await cli.RunAsync("login", "--url", hem.UrlText, "--scope", "keymgmt:gen", "--exp", "600");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        PostedAuth(hem).Should().Be(Vectors.User.Auth);
    }

    [TestMethod]
    public async Task Login_as_admin_posts_exactly_the_vector_master_proof()
    {
        await using FakeHem hem = await StartDeviceAsync();
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_ADMIN_PASSPHRASE"] = Vectors.Master.Passphrase;

        CliResult result = await cli.RunAsync("login", "--url", hem.UrlText, "--scope", "system:config", "--admin", "--exp", "600");

        result.ExitCode.Should().Be(0, result.Error);
        PostedAuth(hem).Should().Be(Vectors.Master.Auth);
    }

    [TestMethod]
    public async Task Login_asks_for_a_one_hour_token_by_default()
    {
        await using FakeHem hem = await StartDeviceAsync();
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = Vectors.User.Passphrase;

        await cli.RunAsync("login", "--url", hem.UrlText, "--scope", "logger:get");

        string payload = FakeDeviceAuth.DecodeSegment(PostedAuth(hem).Split('.')[1]);
        JsonDocument.Parse(payload).RootElement.GetProperty("exp").GetInt64().Should().Be(CliInvocation.VectorNow + 3600);
    }

    [TestMethod]
    public async Task Login_prints_scope_role_and_expiry_but_not_the_token()
    {
        // Arrange
        await using FakeHem hem = await StartDeviceAsync();
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = Vectors.User.Passphrase;
        string token = FakeDeviceAuth.BearerToken("keymgmt:gen", "U", CliInvocation.VectorNow, CliInvocation.VectorNow + 600);

        // Act
        CliResult result = await cli.RunAsync("login", "--url", hem.UrlText, "--scope", "keymgmt:gen", "--exp", "600");

        // Assert
        result.Out.Should().Be(string.Join(Environment.NewLine,
            "scope: keymgmt:gen",
            "sub:   U (local user)",
            "exp:   2025-11-24T16:10:00Z (1764000600)",
            ""));
        result.AllOutput.Should().NotContain(token).And.NotContain(Vectors.User.Passphrase);
    }

    [TestMethod]
    public async Task Login_with_print_token_prints_only_the_bearer_token()
    {
        await using FakeHem hem = await StartDeviceAsync();
        var cli = new CliInvocation { Input = ScriptedConsoleInput.Stdin(Vectors.User.Passphrase) };

        CliResult result = await cli.RunAsync(
            "login", "--url", hem.UrlText, "--scope", "keymgmt:gen", "--exp", "600", "--passphrase-stdin", "--print-token");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Be(
            FakeDeviceAuth.BearerToken("keymgmt:gen", "U", CliInvocation.VectorNow, CliInvocation.VectorNow + 600) + Environment.NewLine);
    }

    [TestMethod]
    public async Task Login_with_json_prints_the_token_claims()
    {
        await using FakeHem hem = await StartDeviceAsync();
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_ADMIN_PASSPHRASE"] = Vectors.Master.Passphrase;

        CliResult result = await cli.RunAsync("login", "--url", hem.UrlText, "--scope", "system:config", "--admin", "--exp", "600", "--json");

        result.Out.Should().Be("""{"scope":"system:config","sub":"M","iat":1764000000,"exp":1764000600}""" + Environment.NewLine);
    }

    [TestMethod]
    public async Task Login_with_a_wrong_passphrase_reports_401_with_a_hint()
    {
        await using FakeHem hem = await StartDeviceAsync();
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = "not the passphrase";

        CliResult result = await cli.RunAsync("login", "--url", hem.UrlText, "--scope", "keymgmt:gen");

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: 401 unauthorised").And.Contain("hint: login rejected: wrong passphrase");
        result.AllOutput.Should().NotContain("not the passphrase");
    }

    [TestMethod]
    public async Task Login_prompts_without_echo_on_a_terminal()
    {
        // Arrange
        await using FakeHem hem = await StartDeviceAsync();
        var terminal = ScriptedConsoleInput.Typing(Vectors.User.Passphrase + "\n");
        var cli = new CliInvocation { Input = terminal };

        // Act
        CliResult result = await cli.RunAsync("login", "--url", hem.UrlText, "--scope", "keymgmt:gen", "--exp", "600");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        terminal.ReadWithEcho.Should().BeFalse();
        result.Error.Should().Be("User passphrase: " + Environment.NewLine);
        PostedAuth(hem).Should().Be(Vectors.User.Auth);
    }

    [TestMethod]
    [DataRow("has space")]
    [DataRow("")]
    public async Task Login_rejects_an_unusable_scope_without_any_request(string scope)
    {
        await using FakeHem hem = await StartDeviceAsync();

        CliResult result = await new CliInvocation().RunAsync("login", "--url", hem.UrlText, "--scope", scope);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--scope");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Login_on_an_uninitialised_device_reports_409_with_a_hint()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/auth/token", FakeReply.Status(409));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = Vectors.User.Passphrase;

        CliResult result = await cli.RunAsync("login", "--url", hem.UrlText, "--scope", "keymgmt:gen");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("error: 409 wrong state").And.Contain("hemsim init");
    }

    private static async Task<FakeHem> StartDeviceAsync()
    {
        FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/auth/token", FakeDeviceAuth.LoginChallenge());
        hem.On("POST", "/api/auth/token", FakeDeviceAuth.Login);
        return hem;
    }

    private static string PostedAuth(FakeHem hem)
    {
        RecordedRequest post = hem.Requests.Single(request => request is { Method: "POST", Path: "/api/auth/token" });
        return JsonDocument.Parse(post.Body).RootElement.GetProperty("auth").GetString()!;
    }
}
