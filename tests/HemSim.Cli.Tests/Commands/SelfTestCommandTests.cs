using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class SelfTestCommandTests
{
    private const string Healthy =
        """{"last_selftest_ts":1764000000,"last_fls_state":0,"last_entropytest_ts":1764000000,"last_kat_ts":1764000000,"fls_state":0,"selftest_ts":1764000090,"repo_stats":{"total":2,"deleted":1,"invalid":0,"fragmented":1,"freeslots":5},"se_state":0}""";

    private const string Faulted =
        """{"last_selftest_ts":0,"last_fls_state":0,"last_entropytest_ts":0,"last_kat_ts":0,"fls_state":10,"selftest_ts":42,"repo_stats":{"total":1,"deleted":0,"invalid":1,"fragmented":0,"freeslots":7}}""";

    [TestMethod]
    public async Task Selftest_prints_the_result_readably()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/selftest", FakeReply.Json(Healthy));

        // Act
        CliResult result = await new CliInvocation().RunAsync("selftest", "--url", hem.UrlText, "--token", "t");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Be(string.Join(Environment.NewLine,
            "fls_state:      0 (healthy)",
            "this run:       2025-11-24T16:01:30Z (1764000090)",
            "previous run:   2025-11-24T16:00:00Z (1764000000)",
            "previous fls:   0",
            "entropy test:   2025-11-24T16:00:00Z (1764000000)",
            "known answers:  2025-11-24T16:00:00Z (1764000000)",
            "key repository: 2 used, 1 deleted, 0 invalid, 1 fragmented, 5 free",
            "secure element: 0 (ok)",
            ""));
        hem.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer t");
    }

    [TestMethod]
    public async Task Selftest_exits_1_and_names_the_bits_when_a_fault_is_latched()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/selftest", FakeReply.Json(Faulted));

        CliResult result = await new CliInvocation().RunAsync("selftest", "--url", hem.UrlText, "--token", "t");

        result.ExitCode.Should().Be(1);
        result.Out.Should().StartWith("fls_state:      10 (0x0a: entropy (TRNG), key repository integrity)");
        result.Out.Should().Contain("this run:       42 s after power-up (RTC not set)");
        result.Error.Should().Be("error: fault latched: fls_state 0x0a (entropy (TRNG), key repository integrity); most endpoints answer 409 until a reboot"
            + Environment.NewLine);
    }

    [TestMethod]
    public async Task Selftest_json_prints_the_raw_answer_and_keeps_the_exit_code()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/selftest", FakeReply.Json(Faulted));

        CliResult result = await new CliInvocation().RunAsync("selftest", "--url", hem.UrlText, "--token", "t", "--json");

        result.ExitCode.Should().Be(1);
        result.Out.Should().Be(Faulted + Environment.NewLine);
    }

    [TestMethod]
    public async Task Selftest_of_a_fresh_device_sends_no_token_and_does_not_log_in()
    {
        // Arrange: status carries `inited` only on an uninitialised device (spec §11.1).
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json("""{"inited":false,"ctx":0,"uptime":3,"temp":31,"fls_state":0}"""));
        hem.On("GET", "/api/system/selftest", FakeReply.Json(Healthy));

        // Act
        CliResult result = await new CliInvocation().RunAsync("selftest", "--url", hem.UrlText);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal("GET /api/system/status", "GET /api/system/selftest");
        hem.Requests[1].Authorization.Should().BeNull();
    }

    [TestMethod]
    public async Task Selftest_of_an_initialised_device_logs_in_first()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json("""{"ctx":0,"uptime":3,"temp":31,"fls_state":0}"""));
        hem.On("GET", "/api/auth/token", FakeDeviceAuth.LoginChallenge());
        hem.On("POST", "/api/auth/token", FakeDeviceAuth.Login);
        hem.On("GET", "/api/system/selftest", FakeReply.Json(Healthy));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = SharedVectors.Login.User.Passphrase;
        string issued = FakeDeviceAuth.BearerToken("system:config", "U", CliInvocation.VectorNow, CliInvocation.VectorNow + 3600);

        // Act
        CliResult result = await cli.RunAsync("selftest", "--url", hem.UrlText);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal(
            "GET /api/system/status", "GET /api/auth/token", "POST /api/auth/token", "GET /api/system/selftest");
        hem.Requests[3].Authorization.Should().Be("Bearer " + issued);
        result.AllOutput.Should().NotContain(issued);
    }

    [TestMethod]
    public async Task Selftest_explains_that_login_is_refused_while_a_fault_is_latched()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json("""{"ctx":0,"uptime":3,"temp":31,"fls_state":2}"""));
        hem.On("GET", "/api/auth/token", FakeReply.Status(409));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = SharedVectors.Login.User.Passphrase;

        CliResult result = await cli.RunAsync("selftest", "--url", hem.UrlText);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("error: 409").And.Contain("hint: login is refused while a fault is latched");
    }

    [TestMethod]
    public async Task Selftest_refused_with_401_explains_that_a_token_is_needed()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/selftest", FakeReply.Status(401));

        CliResult result = await new CliInvocation().RunAsync("selftest", "--url", hem.UrlText, "--token", "stale");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("error: 401").And.Contain("hint: the device is initialised: pass a token of any scope");
    }
}
