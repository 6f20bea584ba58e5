using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class DiagCommandTests
{
    [TestMethod]
    [DataRow("test", "/api/diag/test", "ok: the DIAG build answers")]
    [DataRow("break-temp", "/api/diag/break_temp", "armed: temperature fault")]
    [DataRow("break-tls", "/api/diag/break_tls", "armed: after 5 more TLS handshakes")]
    [DataRow("disable-selftest", "/api/diag/disable_selftest", "periodic self-tests stopped")]
    public async Task Simple_verb_sends_one_get_without_a_token_and_prints_what_happened(string verb, string path, string printed)
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", path, FakeReply.Json(""));

        // Act
        CliResult result = await new CliInvocation().RunAsync("diag", verb, "--url", hem.UrlText);

        // Assert
        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain(printed);
        result.Error.Should().BeEmpty();
        hem.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
    }

    [TestMethod]
    public async Task Diag_on_a_production_build_explains_the_404()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/diag/test", FakeReply.Status(404));

        CliResult result = await new CliInvocation().RunAsync("diag", "test", "--url", hem.UrlText);

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("error: 404").And.Contain("--diag");
    }

    [TestMethod]
    public async Task Wipe_config_without_yes_sends_nothing()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/diag/wipe_config", FakeReply.Json(""));

        CliResult result = await new CliInvocation().RunAsync("diag", "wipe-config", "--url", hem.UrlText);

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("--yes");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Wipe_config_with_yes_wipes_without_a_token()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/diag/wipe_config", FakeReply.Json(""));

        CliResult result = await new CliInvocation().RunAsync("diag", "wipe-config", "--yes", "--url", hem.UrlText);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("wiped");
        hem.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
    }

    [TestMethod]
    public async Task Trng_prints_the_base64_sample()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/diag/test_trng", FakeReply.Json("""{"rnd":"AQIDBA=="}"""));

        CliResult result = await new CliInvocation().RunAsync("diag", "trng", "--url", hem.UrlText);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Be("AQIDBA==" + Environment.NewLine);
    }

    [TestMethod]
    public async Task Trng_with_out_writes_the_raw_bytes()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/diag/test_trng", FakeReply.Json("""{"rnd":"AQIDBA=="}"""));
        string file = Path.Combine(Path.GetTempPath(), "diag-trng-" + Guid.NewGuid().ToString("N"));
        try
        {
            CliResult result = await new CliInvocation().RunAsync("diag", "trng", "--out", file, "--url", hem.UrlText);

            result.ExitCode.Should().Be(0);
            result.Out.Should().Contain("wrote 4 bytes");
            File.ReadAllBytes(file).Should().Equal(1, 2, 3, 4);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Trng_400_explains_the_broken_source()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/diag/test_trng", FakeReply.Status(400));

        CliResult result = await new CliInvocation().RunAsync("diag", "trng", "--url", hem.UrlText);

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("break-trng");
    }

    [TestMethod]
    public async Task Break_trng_prints_the_state_before_the_call()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/diag/break_trng", FakeReply.Json("""{"mode":0,"last_ts":1700000000,"last_val":7978}"""));

        CliResult result = await new CliInvocation().RunAsync("diag", "break-trng", "--url", hem.UrlText);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("mode:     0 (was healthy)")
            .And.Contain("last_ts:  1700000000")
            .And.Contain("last_val: 7978 (7.978 bits/byte)");
    }

    [TestMethod]
    public async Task Break_trng_with_json_prints_the_raw_answer()
    {
        const string body = """{"mode":1,"last_ts":0,"last_val":0}""";
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/diag/break_trng", FakeReply.Json(body));

        CliResult result = await new CliInvocation().RunAsync("diag", "break-trng", "--json", "--url", hem.UrlText);

        result.Out.Should().Be(body + Environment.NewLine);
    }
}
