using System.Text;
using System.Text.Json;
using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class KeysListCommandTests
{
    private const string Token = "list-token";

    [TestMethod]
    public async Task List_gets_the_first_page_and_prints_a_table()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/keymgmt/list", FakeReply.Json(Page(0, 2, 2, 1)));

        // Act
        CliResult result = await new CliInvocation().RunAsync("keys", "list", "--url", hem.UrlText, "--token", Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        RecordedRequest list = hem.Requests.Should().ContainSingle().Subject;
        list.Method.Should().Be("GET");
        list.Authorization.Should().Be("Bearer " + Token);
        result.Out.Should().Be(string.Join(Environment.NewLine,
            $"{"KID",-32}  {"TYPE",-29}  LABEL  DESCR",
            $"{KidOf(0)}  ATT,PKEY,ECDH,ExDSA,SECP256R1  key 0  E2E:0",
            $"{KidOf(1)}  ATT,PKEY,ECDH,ExDSA,SECP256R1  key 1  E2E:1",
            "listed 2 of 2 (offset 0, 1 deleted)",
            ""));
    }

    [TestMethod]
    [DataRow(new string[0], "/api/keymgmt/list")]
    [DataRow(new[] { "--offset", "30" }, "/api/keymgmt/list/30")]
    [DataRow(new[] { "--count", "5" }, "/api/keymgmt/list/0/5")]
    [DataRow(new[] { "--offset", "7", "--count", "64" }, "/api/keymgmt/list/7/64")]
    public async Task List_uses_the_shortest_path_form_for_offset_and_count(string[] options, string path)
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", path, FakeReply.Json(Page(0, 0, 0)));

        CliResult result = await new CliInvocation().RunAsync(["keys", "list", "--url", hem.UrlText, "--token", Token, .. options]);

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Path.Should().Be(path);
    }

    [TestMethod]
    public async Task List_all_pages_with_offset_plus_listed_until_total_and_prints_every_key_once()
    {
        // Arrange: 32 keys, pages of 15.
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/keymgmt/list/0", FakeReply.Json(Page(0, 15, 32)));
        hem.On("GET", "/api/keymgmt/list/15", FakeReply.Json(Page(15, 15, 32)));
        hem.On("GET", "/api/keymgmt/list/30", FakeReply.Json(Page(30, 2, 32)));

        // Act
        CliResult result = await new CliInvocation().RunAsync("keys", "list", "--all", "--url", hem.UrlText, "--token", Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(request => request.Path).Should().Equal("/api/keymgmt/list/0", "/api/keymgmt/list/15", "/api/keymgmt/list/30");
        string[] lines = result.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Skip(1).SkipLast(1).Select(line => line[..32]).Should().Equal(Enumerable.Range(0, 32).Select(KidOf));
        lines[^1].Should().Be("listed 32 of 32 (0 deleted)");
    }

    [TestMethod]
    public async Task List_all_stops_on_an_empty_page_even_when_total_says_more()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/keymgmt/list/0/10", FakeReply.Json(Page(0, 10, 20)));
        hem.On("GET", "/api/keymgmt/list/10/10", FakeReply.Json(Page(10, 0, 20)));

        CliResult result = await new CliInvocation().RunAsync("keys", "list", "--all", "--count", "10", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Should().HaveCount(2);
    }

    [TestMethod]
    public async Task List_all_with_json_prints_one_envelope_holding_every_key()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/keymgmt/list/0", FakeReply.Json(Page(0, 15, 16)));
        hem.On("GET", "/api/keymgmt/list/15", FakeReply.Json(Page(15, 1, 16)));

        CliResult result = await new CliInvocation().RunAsync("keys", "list", "--all", "--json", "--url", hem.UrlText, "--token", Token);

        using JsonDocument json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("total").GetInt32().Should().Be(16);
        json.RootElement.GetProperty("listed").GetInt32().Should().Be(16);
        json.RootElement.GetProperty("list").EnumerateArray().Select(key => key.GetProperty("kid").GetString())
            .Should().Equal(Enumerable.Range(0, 16).Select(KidOf));
    }

    [TestMethod]
    public async Task List_prints_a_binary_description_as_base64_and_leaves_an_absent_one_empty()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/keymgmt/list", FakeReply.Json(
            $$"""{"offset":0,"deleted":0,"total":2,"listed":2,"list":[{"kid":"{{KidOf(0)}}","created":1,"type":"ECDH,CURVE25519","label":"app","descr":"RVhUQUlEAAH/","updated":1},{"kid":"{{KidOf(1)}}","created":1,"type":"ATT,PKEY,AES256","label":"plain","updated":1}]}"""));

        CliResult result = await new CliInvocation().RunAsync("keys", "list", "--url", hem.UrlText, "--token", Token);

        result.Out.Should().Contain($"{KidOf(0)}  ECDH,CURVE25519  app    b64:RVhUQUlEAAH/{Environment.NewLine}");
        result.Out.Should().Contain($"{KidOf(1)}  ATT,PKEY,AES256  plain{Environment.NewLine}");
    }

    [TestMethod]
    public async Task List_over_plain_http_reports_418_with_its_meaning()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/keymgmt/list", FakeReply.Status(418));

        CliResult result = await new CliInvocation().RunAsync("keys", "list", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Be("error: 418 TLS required — use https" + Environment.NewLine);
    }

    [TestMethod]
    public async Task List_with_a_token_of_another_scope_explains_403()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/keymgmt/list", FakeReply.Status(403));

        CliResult result = await new CliInvocation().RunAsync("keys", "list", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: 403 forbidden").And.Contain("keymgmt:list");
    }

    [TestMethod]
    [DataRow("--count", "0")]
    [DataRow("--offset", "-1")]
    public async Task List_with_an_unusable_page_option_sends_nothing(string option, string value)
    {
        await using FakeHem hem = await FakeHem.StartAsync();

        CliResult result = await new CliInvocation().RunAsync("keys", "list", option, value, "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(option);
        hem.Requests.Should().BeEmpty();
    }

    internal static string KidOf(int index) => index.ToString("x32");

    /// <summary>A list envelope holding keys <paramref name="offset"/> … offset + listed − 1, each with descr "E2E:&lt;i&gt;".</summary>
    internal static string Page(int offset, int listed, int total, int deleted = 0)
    {
        IEnumerable<string> keys = Enumerable.Range(offset, listed).Select(i =>
            $$"""{"kid":"{{KidOf(i)}}","created":1764000000,"type":"ATT,PKEY,ECDH,ExDSA,SECP256R1","label":"key {{i}}","descr":"{{Convert.ToBase64String(Encoding.ASCII.GetBytes("E2E:" + i))}}","updated":1764000000}""");
        return $$"""{"offset":{{offset}},"deleted":{{deleted}},"total":{{total}},"listed":{{listed}},"list":[{{string.Join(",", keys)}}]}""";
    }
}
