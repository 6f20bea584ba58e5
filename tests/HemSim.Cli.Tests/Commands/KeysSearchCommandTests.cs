using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class KeysSearchCommandTests
{
    private const string Token = "search-token";
    private const string E2EColon = "RTJFOg=="; // b64("E2E:")

    [TestMethod]
    [DataRow(new string[0], E2EColon, DisplayName = "contains")]
    [DataRow(new[] { "--prefix" }, "^" + E2EColon, DisplayName = "prefix")]
    [DataRow(new[] { "--suffix" }, E2EColon + "$", DisplayName = "suffix")]
    [DataRow(new[] { "--exact" }, "^" + E2EColon + "$", DisplayName = "exact")]
    public async Task Search_posts_the_needle_with_its_anchors(string[] anchor, string needle)
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/search", FakeReply.Json(KeysListCommandTests.Page(0, 1, 1)));

        // Act
        CliResult result = await new CliInvocation().RunAsync(["keys", "search", "--descr", "E2E:", .. anchor, "--url", hem.UrlText, "--token", Token]);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        RecordedRequest search = hem.Requests.Should().ContainSingle().Subject;
        search.Authorization.Should().Be("Bearer " + Token);
        search.ContentType.Should().Be("application/json");
        search.Body.Should().Be($$"""{"descr":"{{needle}}"}""");
    }

    [TestMethod]
    public async Task Search_sends_offset_and_limit_and_standard_base64_of_descr_b64()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/search", FakeReply.Json(KeysListCommandTests.Page(15, 0, 15)));

        CliResult result = await new CliInvocation().RunAsync(
            "keys", "search", "--descr-b64", "RVhUQUlE_-8", "--prefix", "--offset", "15", "--limit", "5", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Be("""{"descr":"^RVhUQUlE/+8=","offset":15,"limit":5}""");
        result.Out.Should().EndWith("listed 0 matching (offset 15; 15 keys in the store)" + Environment.NewLine);
    }

    [TestMethod]
    public async Task Search_prints_the_matching_keys_as_a_table()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/search", FakeReply.Json(KeysListCommandTests.Page(0, 2, 2)));

        CliResult result = await new CliInvocation().RunAsync("keys", "search", "--descr", "E2E:", "--prefix", "--url", hem.UrlText, "--token", Token);

        string[] lines = result.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(4);
        lines[0].Should().StartWith("KID");
        lines[1].Should().StartWith(KeysListCommandTests.KidOf(0)).And.EndWith("key 0  E2E:0");
        lines[3].Should().Be("listed 2 matching (offset 0; 2 keys in the store)");
    }

    [TestMethod]
    public async Task Search_without_a_match_says_so_and_succeeds()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/search", FakeReply.Status(404));

        CliResult result = await new CliInvocation().RunAsync("keys", "search", "--descr", "nothing", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Be("no key matches" + Environment.NewLine);
        result.Error.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Search_without_a_match_keeps_stdout_empty_under_json()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/search", FakeReply.Status(404));

        CliResult result = await new CliInvocation().RunAsync("keys", "search", "--descr", "nothing", "--json", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(0);
        result.Out.Should().BeEmpty();
        result.Error.Should().Be("no key matches" + Environment.NewLine);
    }

    [TestMethod]
    public async Task Search_reports_410_with_its_meaning()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/search", FakeReply.Status(410));

        CliResult result = await new CliInvocation().RunAsync("keys", "search", "--descr", "x", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: 410 key repository not ready");
    }

    [TestMethod]
    [DataRow(new[] { "--prefix", "--suffix" }, "exclude each other", DisplayName = "two anchors")]
    [DataRow(new[] { "--prefix" }, "--descr TEXT or --descr-b64", DisplayName = "no text")]
    [DataRow(new[] { "--descr", "" }, "empty", DisplayName = "empty text")]
    [DataRow(new[] { "--descr", "12345678901234567890123456789012345678901234567890123456789012345" }, "at most 64", DisplayName = "65 bytes")]
    [DataRow(new[] { "--descr-b64", "!!" }, "not valid base64", DisplayName = "bad base64")]
    public async Task Search_with_an_unusable_needle_sends_nothing(string[] options, string message)
    {
        await using FakeHem hem = await FakeHem.StartAsync();

        CliResult result = await new CliInvocation().RunAsync(["keys", "search", .. options, "--url", hem.UrlText, "--token", Token]);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(message);
        hem.Requests.Should().BeEmpty();
    }
}
