using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class DiagRepoCommandTests
{
    [TestMethod]
    public async Task Corrupt_repo_sends_the_address_and_prints_the_result()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/diag/corrupt_repo/4096", FakeReply.Json("""{"address":4096,"status":1}"""));

        CliResult result = await new CliInvocation().RunAsync("diag", "corrupt-repo", "4096", "--url", hem.UrlText);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("corrupted: key record at 4096 (status 1)");
        hem.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
    }

    [TestMethod]
    public async Task Corrupt_repo_refuses_a_non_decimal_address_without_a_request()
    {
        await using FakeHem hem = await FakeHem.StartAsync();

        CliResult result = await new CliInvocation().RunAsync("diag", "corrupt-repo", "0x1000", "--url", hem.UrlText);

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("ADDRESS must be decimal digits");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Corrupt_repo_400_explains_the_address()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/diag/corrupt_repo/7", FakeReply.Status(400));

        CliResult result = await new CliInvocation().RunAsync("diag", "corrupt-repo", "7", "--url", hem.UrlText);

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("valid key record");
    }

    [TestMethod]
    public async Task Memdump_prints_a_hex_dump_with_addresses()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        byte[] bytes = [.. Enumerable.Range(0, 18).Select(i => (byte)i)];
        hem.On("GET", "/api/diag/memdump/100/18",
            FakeReply.Json($$"""{"address":100,"length":18,"dump":"{{Convert.ToBase64String(bytes)}}"}"""));

        CliResult result = await new CliInvocation().RunAsync("diag", "memdump", "100", "18", "--url", hem.UrlText);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("       100  000102030405060708090a0b0c0d0e0f")
            .And.Contain("       116  1011");
    }

    [TestMethod]
    public async Task Memdump_with_out_writes_the_raw_bytes()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/diag/memdump/1/3", FakeReply.Json("""{"address":1,"length":3,"dump":"CQgH"}"""));
        string file = Path.Combine(Path.GetTempPath(), "diag-dump-" + Guid.NewGuid().ToString("N"));
        try
        {
            CliResult result = await new CliInvocation().RunAsync("diag", "memdump", "1", "3", "--out", file, "--url", hem.UrlText);

            result.ExitCode.Should().Be(0);
            File.ReadAllBytes(file).Should().Equal(9, 8, 7);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Memdump_with_json_prints_the_raw_answer()
    {
        const string body = """{"address":1,"length":3,"dump":"CQgH"}""";
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/diag/memdump/1/3", FakeReply.Json(body));

        CliResult result = await new CliInvocation().RunAsync("diag", "memdump", "1", "3", "--json", "--url", hem.UrlText);

        result.Out.Should().Be(body + Environment.NewLine);
    }

    [TestMethod]
    public async Task Memdump_refuses_a_non_decimal_length_without_a_request()
    {
        await using FakeHem hem = await FakeHem.StartAsync();

        CliResult result = await new CliInvocation().RunAsync("diag", "memdump", "1", "-3", "--url", hem.UrlText);

        result.ExitCode.Should().NotBe(0);
        hem.Requests.Should().BeEmpty();
    }
}
