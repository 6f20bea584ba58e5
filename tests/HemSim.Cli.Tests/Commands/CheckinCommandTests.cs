using FluentAssertions;
using HemSim.Cli.Commands;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class CheckinCommandTests
{
    private const string Check = """{"check":"aGVhZGVy.cGF5bG9hZA.c2ln"}""";
    private const string Checked = """{"checked":"YmFja2VuZA.YW5zd2Vy.bWFj"}""";
    private const string StatusAfter = """{"ctx":0,"uptime":3,"ts":"2027-01-15T08:00:00Z","time":1800000000,"temp":31,"fls_state":0}""";

    private static async Task<(FakeHem Device, FakeHem Backend)> StartAsync(string action = "OK")
    {
        FakeHem device = await FakeHem.StartAsync();
        device.On("GET", "/api/system/checkin", FakeReply.Json(Check))
            .On("POST", "/api/system/checkin", FakeReply.Json($$"""{"status":"{{action}}"}"""))
            .On("GET", "/api/system/status", FakeReply.Json(StatusAfter));
        FakeHem backend = await FakeHem.StartAsync();
        backend.On("POST", "/checkin", FakeReply.Json(Checked));
        return (device, backend);
    }

    [TestMethod]
    public async Task Checkin_relays_both_objects_unchanged_and_prints_the_status_and_device_time()
    {
        // Arrange
        var (device, backend) = await StartAsync();
        await using var _ = device;
        await using var __ = backend;

        // Act
        CliResult result = await new CliInvocation().RunAsync("checkin", "--url", device.UrlText, "--backend", backend.UrlText + "/checkin");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        backend.Requests.Should().ContainSingle().Which.Should().Match<RecordedRequest>(r =>
            r.Method == "POST" && r.Body == Check && r.ContentType == "application/json" && r.Authorization == null);
        device.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal(
            "GET /api/system/checkin", "POST /api/system/checkin", "GET /api/system/status");
        device.Requests[1].Body.Should().Be(Checked);
        device.Requests[1].ContentLength.Should().Be(Checked.Length);
        result.Out.Should().Be($"status: OK (nothing to do){Environment.NewLine}time:   2027-01-15T08:00:00Z (1800000000){Environment.NewLine}");
        result.Error.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Checkin_with_json_prints_the_device_answer()
    {
        var (device, backend) = await StartAsync("L");
        await using var _ = device;
        await using var __ = backend;

        CliResult result = await new CliInvocation().RunAsync("checkin", "--json", "--url", device.UrlText, "--backend", backend.UrlText + "/checkin");

        result.ExitCode.Should().Be(0);
        result.Out.Trim().Should().Be("""{"status":"L"}""");
    }

    [TestMethod]
    public async Task Checkin_after_a_wipe_order_does_not_read_the_rebooting_device()
    {
        var (device, backend) = await StartAsync("W");
        await using var _ = device;
        await using var __ = backend;

        CliResult result = await new CliInvocation().RunAsync("checkin", "--url", device.UrlText, "--backend", backend.UrlText + "/checkin");

        result.ExitCode.Should().Be(0);
        result.Out.Should().StartWith("status: W (wipe");
        device.Requests.Should().NotContain(r => r.Path == "/api/system/status");
    }

    [TestMethod]
    public async Task Checkin_reads_the_backend_from_the_environment()
    {
        var (device, backend) = await StartAsync();
        await using var _ = device;
        await using var __ = backend;
        var cli = new CliInvocation();
        cli.Environment[CheckinCommand.BackendVariable] = backend.UrlText + "/checkin";

        CliResult result = await cli.RunAsync("checkin", "--url", device.UrlText);

        result.ExitCode.Should().Be(0, result.Error);
        backend.Requests.Should().ContainSingle();
    }

    [TestMethod]
    public async Task Checkin_stops_when_the_backend_refuses_the_check()
    {
        // Arrange
        var (device, backend) = await StartAsync();
        await using var _ = device;
        await using var __ = backend;
        backend.On("POST", "/checkin", FakeReply.Status(401));

        // Act
        CliResult result = await new CliInvocation().RunAsync("checkin", "--url", device.UrlText, "--backend", backend.UrlText + "/checkin");

        // Assert
        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Error.Should().Contain("answered 401").And.Contain("--backend-key");
        device.Requests.Should().NotContain(r => r.Method == "POST");
    }

    [TestMethod]
    public async Task Checkin_stops_when_the_backend_answer_has_no_checked_token()
    {
        var (device, backend) = await StartAsync();
        await using var _ = device;
        await using var __ = backend;
        backend.On("POST", "/checkin", FakeReply.Json("""{"status":"OK"}"""));

        CliResult result = await new CliInvocation().RunAsync("checkin", "--url", device.UrlText, "--backend", backend.UrlText + "/checkin");

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Error.Should().Contain("\"checked\"");
        device.Requests.Should().NotContain(r => r.Method == "POST");
    }

    [TestMethod]
    public async Task Checkin_explains_a_device_refusal_of_the_answer()
    {
        var (device, backend) = await StartAsync();
        await using var _ = device;
        await using var __ = backend;
        device.On("POST", "/api/system/checkin", FakeReply.Status(401));

        CliResult result = await new CliInvocation().RunAsync("checkin", "--url", device.UrlText, "--backend", backend.UrlText + "/checkin");

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Error.Should().Contain("401").And.Contain("hint: the device refused the backend's answer");
    }

    [TestMethod]
    public async Task Checkin_reports_an_unreachable_backend_as_a_connection_failure()
    {
        // Arrange: a backend that was there and is gone, so its port is closed.
        var (device, backend) = await StartAsync();
        await using var _ = device;
        string gone = backend.UrlText + "/checkin";
        await backend.DisposeAsync();

        // Act
        CliResult result = await new CliInvocation().RunAsync("checkin", "--url", device.UrlText, "--backend", gone);

        // Assert
        result.ExitCode.Should().Be(ExitCodes.ConnectionFailure);
        result.Error.Should().StartWith("error: backend: cannot reach");
        device.Requests.Should().NotContain(r => r.Method == "POST");
    }

    [TestMethod]
    public async Task Checkin_refuses_a_backend_that_is_not_a_url()
    {
        var (device, backend) = await StartAsync();
        await using var _ = device;
        await using var __ = backend;

        CliResult result = await new CliInvocation().RunAsync("checkin", "--url", device.UrlText, "--backend", "api.encedo.com");

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Error.Should().Contain("--backend must be an absolute https:// URL");
        device.Requests.Should().BeEmpty();
    }
}
