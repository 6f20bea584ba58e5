using FluentAssertions;
using HemSim.Cli.Commands;
using HemSim.Cli.Http;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

/// <summary>
/// <c>--chip N</c> / <c>HEMSIM_CHIP</c>: a chip of an EPA rack, reached as <c>c&lt;N&gt;.&lt;host of --url&gt;</c> in the
/// Host header and TLS SNI (the end-to-end test against a real rack is HostBridge.Tests' EpaRackCliEndToEndTests).
/// </summary>
[TestClass]
public sealed class ChipOptionTests
{
    [TestMethod]
    [DataRow("https://127.0.0.1:8443", 3, "c3.127.0.0.1:8443")]
    [DataRow("http://rack.example:8080/", 10, "c10.rack.example:8080")]
    [DataRow("https://xxx.cloud.ence.do", 10, "c10.xxx.cloud.ence.do")]
    [DataRow("http://localhost", 1, "c1.localhost")]
    public void Chip_host_prefixes_the_url_host_and_keeps_a_non_default_port(string url, int chip, string expected)
    {
        new HemConnectionSettings(new Uri(url), null, false, chip).ChipHost.Should().Be(expected);
    }

    [TestMethod]
    public void No_chip_sends_the_url_host_unchanged()
    {
        new HemConnectionSettings(new Uri("https://127.0.0.1:8443"), null, false).ChipHost.Should().BeNull();
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("65")]
    [DataRow("two")]
    [DataRow("-1")]
    public async Task Chip_outside_1_to_64_is_a_usage_error(string value)
    {
        CliResult result = await new CliInvocation().RunAsync("status", "--chip", value, "--url", "http://127.0.0.1:9");

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Error.Should().Contain($"--chip must be a chip number from 1 to {GlobalOptions.MaxChip}, not '{value}'");
    }

    [TestMethod]
    public async Task Chip_from_HEMSIM_CHIP_is_checked_the_same_way()
    {
        var cli = new CliInvocation();
        cli.Environment[GlobalOptions.ChipVariable] = "0";

        CliResult result = await cli.RunAsync("status", "--url", "http://127.0.0.1:9");

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Error.Should().Contain("--chip must be a chip number from 1 to 64, not '0'");
    }

    [TestMethod]
    public async Task Chip_needs_a_url_host_it_can_prefix()
    {
        CliResult result = await new CliInvocation().RunAsync("status", "--chip", "2", "--url", "http://[::1]:8080");

        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Error.Should().Contain("give a host name or IPv4 address, not IPv6");
    }
}
