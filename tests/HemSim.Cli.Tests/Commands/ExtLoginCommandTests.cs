using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

/// <summary><c>hemsim ext login</c> against a scripted device and a scripted broker (spec §9.2, docs/EXTERNAL-AUTH.md §4).</summary>
[TestClass]
public sealed class ExtLoginCommandTests
{
    private const string Epk = "ZXBrZXBrZXBrZXBrZXBrZXBrZXBrZXBrZXBrZXBrZXA=";
    private const string Authreq = "YXV0aA.cmVx.c2ln";
    private const string Authreply = "YXV0aA.cmVwbHk.c2ln";
    private const string AppSub = "Qq/EGdvacmNrN6JFWVXglQ==";
    private static readonly string s_device = $$"""{"authreq":"{{Authreq}}","epk":"{{Epk}}"}""";
    private static readonly string s_token = FakeDeviceAuth.BearerToken("system:config", AppSub, CliInvocation.VectorNow, CliInvocation.VectorNow + 898);

    private static async Task<(FakeHem Device, FakeHem Broker)> StartAsync(string? answer, int pendingPolls = 1)
    {
        FakeHem device = await FakeHem.StartAsync();
        device.On("POST", "/api/auth/ext/request", FakeReply.Json(s_device))
            .On("POST", "/api/auth/ext/token", FakeReply.Json($$"""{"token":"{{s_token}}"}"""));
        FakeHem broker = await FakeHem.StartAsync();
        int polls = 0;
        broker.On("GET", "/notify/session", FakeReply.Json($$"""{"epk":"{{Epk}}"}"""))
            .On("POST", "/notify/event/new", FakeReply.Json("""{"eventid":"E1"}"""))
            .On("GET", "/notify/event/check/E1", _ => answer is null || Interlocked.Increment(ref polls) <= pendingPolls
                ? FakeReply.Status(202)
                : FakeReply.Json(answer))
            .On("DELETE", "/notify/event/E1", FakeReply.Json("{}"));
        return (device, broker);
    }

    private static Task<CliResult> LoginAsync(FakeHem device, FakeHem broker, params string[] extra) =>
        new CliInvocation().RunAsync(["ext", "login", "--scope", "system:config", "--url", device.UrlText, "--broker", broker.UrlText, "--poll", "0.05", .. extra]);

    [TestMethod]
    public async Task Login_relays_the_request_and_the_approval_and_prints_the_token_like_login()
    {
        // Arrange
        var (device, broker) = await StartAsync($$"""{"authreply":"{{Authreply}}"}""", pendingPolls: 2);
        await using var _ = device;
        await using var __ = broker;

        // Act
        CliResult result = await LoginAsync(device, broker);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        broker.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal(
            "GET /notify/session", "POST /notify/event/new", "GET /notify/event/check/E1", "GET /notify/event/check/E1", "GET /notify/event/check/E1");
        broker.Requests[1].Body.Should().Be(s_device, "the device's answer goes to the broker unchanged");
        device.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal("POST /api/auth/ext/request", "POST /api/auth/ext/token");
        device.Requests.Should().OnlyContain(r => r.Authorization == null, "A8 and A9 need no token");
        device.Requests[0].Body.Should().Be($$"""{"epk":"{{Epk}}","scope":"system:config"}""");
        device.Requests[1].Body.Should().Be($$"""{"authreply":"{{Authreply}}"}""");
        result.Out.Should().Be(string.Join(Environment.NewLine,
            "scope: system:config",
            $"sub:   {AppSub} (external app)",
            "exp:   2025-11-24T16:14:58Z (1764000898)",
            ""));
    }

    [TestMethod]
    public async Task Login_passes_ctx_and_note_to_the_device()
    {
        var (device, broker) = await StartAsync($$"""{"authreply":"{{Authreply}}"}""");
        await using var _ = device;
        await using var __ = broker;

        CliResult result = await LoginAsync(device, broker, "--ctx", "job 7", "--note", "nightly backup");

        result.ExitCode.Should().Be(0, result.Error);
        device.Requests[0].Body.Should().Be($$"""{"epk":"{{Epk}}","scope":"system:config","ctx":"job 7","note":"nightly backup"}""");
    }

    [TestMethod]
    public async Task Login_with_print_token_prints_only_the_token()
    {
        var (device, broker) = await StartAsync($$"""{"authreply":"{{Authreply}}"}""");
        await using var _ = device;
        await using var __ = broker;

        CliResult result = await LoginAsync(device, broker, "--print-token");

        result.Out.Should().Be(s_token + Environment.NewLine);
    }

    [TestMethod]
    public async Task Login_with_json_prints_the_claims()
    {
        var (device, broker) = await StartAsync($$"""{"authreply":"{{Authreply}}"}""");
        await using var _ = device;
        await using var __ = broker;

        CliResult result = await LoginAsync(device, broker, "--json");

        result.Out.Trim().Should().Be($$"""{"scope":"system:config","sub":"{{AppSub}}","iat":1764000000,"exp":1764000898}""");
    }

    [TestMethod]
    public async Task Login_that_the_app_denies_fails_without_asking_the_device_for_a_token()
    {
        var (device, broker) = await StartAsync("""{"deny":true}""");
        await using var _ = device;
        await using var __ = broker;

        CliResult result = await LoginAsync(device, broker);

        result.ExitCode.Should().Be(1);
        result.Out.Should().BeEmpty();
        result.Error.Should().Be("error: the app denied the request for system:config" + Environment.NewLine);
        device.Requests.Should().NotContain(r => r.Path == "/api/auth/ext/token");
    }

    [TestMethod]
    public async Task Login_that_nobody_answers_in_time_withdraws_the_event_and_fails()
    {
        var (device, broker) = await StartAsync(answer: null);
        await using var _ = device;
        await using var __ = broker;

        CliResult result = await LoginAsync(device, broker, "--timeout", "0.3");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("no app answered within 0.3 s; the request is withdrawn");
        broker.Requests.Last().Should().Match<RecordedRequest>(r => r.Method == "DELETE" && r.Path == "/notify/event/E1");
    }

    [TestMethod]
    [DataRow(406, "no app is paired with the device: pair one first (hemsim ext pair)")]
    [DataRow(403, "the device clock (RTC) is not set: check in first (hemsim checkin)")]
    public async Task Login_explains_a_refused_request(int status, string hint)
    {
        var (device, broker) = await StartAsync("""{"deny":true}""");
        await using var _ = device;
        await using var __ = broker;
        device.On("POST", "/api/auth/ext/request", FakeReply.Status(status));

        CliResult result = await LoginAsync(device, broker);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("hint: " + hint);
        broker.Requests.Should().NotContain(r => r.Path == "/notify/event/new");
    }

    [TestMethod]
    public async Task Login_explains_a_refused_approval()
    {
        var (device, broker) = await StartAsync($$"""{"authreply":"{{Authreply}}"}""");
        await using var _ = device;
        await using var __ = broker;
        device.On("POST", "/api/auth/ext/token", FakeReply.Status(401));

        CliResult result = await LoginAsync(device, broker);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("hint: the device refused the approval: expired, already used, or for another scope or ctx than requested");
    }

    [TestMethod]
    [DataRow("--ctx", 65)]
    [DataRow("--note", 129)]
    public async Task Login_refuses_a_ctx_or_note_the_device_would_refuse(string option, int length)
    {
        await using FakeHem device = await FakeHem.StartAsync();

        CliResult result = await new CliInvocation().RunAsync(
            "ext", "login", "--scope", "system:config", "--url", device.UrlText, "--broker", device.UrlText, option, new string('x', length));

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--ctx takes at most 64 characters and --note at most 128");
        device.Requests.Should().BeEmpty();
    }
}
