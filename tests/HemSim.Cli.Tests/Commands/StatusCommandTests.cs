using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class StatusCommandTests
{
    private const string Uninitialised = """{"inited":false,"https":true,"tts":false,"ctx":0,"uptime":12,"temp":31,"fls_state":0}""";
    private const string Initialised = """{"https":true,"ctx":0,"uptime":3600,"ts":"2022-03-16T18:17:27Z","time":1647454647,"temp":31,"fls_state":0}""";

    [TestMethod]
    public async Task Status_prints_uninitialised_when_inited_is_present()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json(Uninitialised));

        // Act
        CliResult result = await new CliInvocation().RunAsync("status", "--url", hem.UrlText);

        // Assert
        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("initialised: no")
            .And.Contain("fls_state:   0 (healthy)")
            .And.Contain("uptime:      12 s")
            .And.Contain("time:        not set");
        result.Error.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Status_prints_initialised_and_device_time_when_inited_is_absent()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json(Initialised));

        CliResult result = await new CliInvocation().RunAsync("status", "--url", hem.UrlText);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("initialised: yes").And.Contain("time:        2022-03-16T18:17:27Z (1647454647)");
    }

    [TestMethod]
    public async Task Status_reports_a_latched_fault()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json("""{"ctx":0,"uptime":5,"temp":31,"fls_state":2}"""));

        CliResult result = await new CliInvocation().RunAsync("status", "--url", hem.UrlText);

        result.Out.Should().Contain("fls_state:   2 (fault latched");
    }

    [TestMethod]
    public async Task Status_reports_the_first_boot_after_a_firmware_install()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json("""{"ctx":0,"uptime":5,"temp":31,"fls_state":0,"fw_upgrade":true}"""));

        CliResult result = await new CliInvocation().RunAsync("status", "--url", hem.UrlText);

        result.Out.Should().Contain("fw_upgrade:  yes");
    }

    [TestMethod]
    public async Task Status_does_not_mention_an_upgrade_on_other_boots()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json(Initialised));

        CliResult result = await new CliInvocation().RunAsync("status", "--url", hem.UrlText);

        result.Out.Should().NotContain("fw_upgrade");
    }

    [TestMethod]
    public async Task Status_with_json_prints_the_raw_answer()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json(Uninitialised));

        CliResult result = await new CliInvocation().RunAsync("status", "--json", "--url", hem.UrlText);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Be(Uninitialised + Environment.NewLine);
    }

    [TestMethod]
    public async Task Status_uses_the_url_from_HEMSIM_URL()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json(Initialised));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_URL"] = hem.UrlText;

        // Act
        CliResult result = await cli.RunAsync("status");

        // Assert
        result.ExitCode.Should().Be(0);
        hem.Requests.Should().ContainSingle().Which.Path.Should().Be("/api/system/status");
    }

    [TestMethod]
    public async Task Status_sends_a_get_without_authorization_and_asks_to_close_the_connection()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json(Initialised));

        await new CliInvocation().RunAsync("status", "--url", hem.UrlText);

        RecordedRequest request = hem.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("GET");
        request.Authorization.Should().BeNull();
        request.Connection.Should().BeEquivalentTo("close");
    }
}
