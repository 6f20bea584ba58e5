using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class VersionCommandTests
{
    private const string Version =
        """{"hwv":"PPA rev 2.2","fwv":"Encedo nGINE FW v1.2.2","fws":"AA==","blv":"Encedo Secure Bootloader v2.0.1","blk":"AA==","bls":"AA=="}""";

    [TestMethod]
    public async Task Version_prints_hardware_firmware_and_bootloader()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/version", FakeReply.Json(Version));

        CliResult result = await new CliInvocation().RunAsync("version", "--url", hem.UrlText);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Be(string.Join(Environment.NewLine,
            "hardware:   PPA rev 2.2",
            "firmware:   Encedo nGINE FW v1.2.2",
            "bootloader: Encedo Secure Bootloader v2.0.1",
            ""));
    }

    [TestMethod]
    public async Task Version_with_json_prints_the_raw_answer()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/version", FakeReply.Json(Version));

        CliResult result = await new CliInvocation().RunAsync("version", "--url", hem.UrlText, "--json");

        result.Out.Should().Be(Version + Environment.NewLine);
    }
}
