using System.Text.Json;
using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class LogsListCommandTests
{
    private const string Token = "logger-token";

    [TestMethod]
    public async Task List_prints_one_id_per_line_and_the_count()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/logger/list", FakeReply.Json("""{"total":3,"id":["62310b2b","62310bf6","6231f603"]}"""));

        // Act
        CliResult result = await new CliInvocation().RunAsync("logs", "list", "--url", hem.UrlText, "--token", Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer " + Token);
        result.Out.Should().Be(string.Join(Environment.NewLine, "62310b2b", "62310bf6", "6231f603", "listed 3 of 3 (offset 0)", ""));
    }

    [TestMethod]
    public async Task List_with_an_offset_uses_the_offset_path()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/logger/list/2", FakeReply.Json("""{"total":3,"id":["6231f603"]}"""));

        CliResult result = await new CliInvocation().RunAsync("logs", "list", "--offset", "2", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().EndWith("listed 1 of 3 (offset 2)" + Environment.NewLine);
    }

    [TestMethod]
    public async Task List_all_pages_by_total_and_prints_every_id_once()
    {
        // Arrange: 300 files, pages of 128 as the device gives them.
        string[] all = Enumerable.Range(1, 300).Select(i => i.ToString("x8")).ToArray();
        await using FakeHem hem = await FakeHem.StartAsync();
        foreach (int offset in new[] { 0, 128, 256 })
        {
            hem.On("GET", "/api/logger/list/" + offset, FakeReply.Json(JsonSerializer.Serialize(new { total = 300, id = all.Skip(offset).Take(128) })));
        }

        // Act
        CliResult result = await new CliInvocation().RunAsync("logs", "list", "--all", "--url", hem.UrlText, "--token", Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(r => r.Path).Should().Equal("/api/logger/list/0", "/api/logger/list/128", "/api/logger/list/256");
        string[] lines = result.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.SkipLast(1).Should().Equal(all);
        lines[^1].Should().Be("listed 300 of 300");
    }

    [TestMethod]
    public async Task List_all_with_json_prints_one_answer_of_the_device_shape()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/logger/list/0", FakeReply.Json("""{"total":2,"id":["00000001"]}"""));
        hem.On("GET", "/api/logger/list/1", FakeReply.Json("""{"total":2,"id":["00000002"]}"""));

        CliResult result = await new CliInvocation().RunAsync("logs", "list", "--all", "--json", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Be("""{"total":2,"id":["00000001","00000002"]}""" + Environment.NewLine);
    }

    [TestMethod]
    public async Task List_all_stops_on_an_empty_page()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/logger/list/0", FakeReply.Json("""{"total":5,"id":["00000001"]}"""));
        hem.On("GET", "/api/logger/list/1", FakeReply.Json("""{"total":5,"id":[]}"""));

        CliResult result = await new CliInvocation().RunAsync("logs", "list", "--all", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Should().HaveCount(2);
    }

    [TestMethod]
    public async Task List_refuses_a_negative_offset_without_calling_the_device()
    {
        await using FakeHem hem = await FakeHem.StartAsync();

        CliResult result = await new CliInvocation().RunAsync("logs", "list", "--offset", "-1", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--offset must be 0 or more");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task List_explains_a_404()
    {
        await using FakeHem hem = await FakeHem.StartAsync();

        CliResult result = await new CliInvocation().RunAsync("logs", "list", "--offset", "9", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("error: 404").And.Contain("past the last file").And.Contain("EPA");
    }
}
