using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

/// <summary><c>hemsim ext list</c>: the EXTAID records through keymgmt/search (spec §9.1 step 6, §12.4).</summary>
[TestClass]
public sealed class ExtListCommandTests
{
    private const string Token = "list-token";

    /// <summary>A search page entry whose descr is "EXTAID" followed by the pid bytes 0x01 0x02 … (b64 AQID…).</summary>
    private static string App(string kid, string label, string pidB64) =>
        $$"""{"kid":"{{kid}}","type":"PKEY,ECDH,EXTERNAL,CURVE25519","label":"{{label}}","descr":"{{Convert.ToBase64String([.. "EXTAID"u8.ToArray(), .. Convert.FromBase64String(pidB64)])}}","created":1,"updated":1}""";

    private static string Page(long offset, long total, params string[] keys) =>
        $$"""{"offset":{{offset}},"deleted":0,"total":{{total}},"listed":{{keys.Length}},"list":[{{string.Join(",", keys)}}]}""";

    [TestMethod]
    public async Task List_pages_through_the_search_and_prints_kid_label_and_pid()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        int calls = 0;
        hem.On("POST", "/api/keymgmt/search", _ => Interlocked.Increment(ref calls) switch
        {
            1 => FakeReply.Json(Page(0, 20, App("00000000000000000000000000000001", "phone", "cGlkMQ=="))),
            2 => FakeReply.Json(Page(1, 20, App("00000000000000000000000000000002", "tablet", "cGlkMg=="))),
            _ => FakeReply.Json(Page(2, 20)),
        });

        // Act
        CliResult result = await new CliInvocation().RunAsync("ext", "list", "--url", hem.UrlText, "--token", Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(r => r.Body).Should().Equal(
            """{"descr":"^RVhUQUlE","offset":0}""", """{"descr":"^RVhUQUlE","offset":1}""", """{"descr":"^RVhUQUlE","offset":2}""");
        hem.Requests.Should().OnlyContain(r => r.Authorization == "Bearer " + Token);
        result.Out.Should().Be(string.Join(Environment.NewLine,
            "KID                               LABEL   PID",
            "00000000000000000000000000000001  phone   cGlkMQ==",
            "00000000000000000000000000000002  tablet  cGlkMg==",
            ""));
    }

    [TestMethod]
    public async Task List_with_json_prints_the_apps()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        int calls = 0;
        hem.On("POST", "/api/keymgmt/search", _ => Interlocked.Increment(ref calls) == 1
            ? FakeReply.Json(Page(0, 1, App("00000000000000000000000000000001", "phone", "cGlkMQ==")))
            : FakeReply.Json(Page(1, 1)));

        CliResult result = await new CliInvocation().RunAsync("ext", "list", "--json", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Trim().Should().Be("""{"apps":[{"kid":"00000000000000000000000000000001","label":"phone","pid":"cGlkMQ=="}]}""");
    }

    [TestMethod]
    public async Task List_with_no_paired_app_says_so()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/search", FakeReply.Status(404));

        CliResult result = await new CliInvocation().RunAsync("ext", "list", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Be("no app is paired" + Environment.NewLine);
    }

    [TestMethod]
    public async Task List_refused_for_the_scope_explains_it()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/search", FakeReply.Status(403));

        CliResult result = await new CliInvocation().RunAsync("ext", "list", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("hint: the token does not allow auth:ext:pair");
    }
}
