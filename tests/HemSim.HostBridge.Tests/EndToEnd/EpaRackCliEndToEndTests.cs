using FluentAssertions;
using HemSim.Cli;
using HemSim.Cli.Input;
using HemSim.HostBridge.Tests.Hosting;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// <c>hemsim --chip N</c> against a real rack: the CLI sends <c>Host: cN.127.0.0.1</c> and that SNI, and the chip's
/// certificate from the bridge's CA validates for that name.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class EpaRackCliEndToEndTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Chip_option_reaches_that_chip_over_https_and_http()
    {
        var folder = TestBridge.NewDataFolder();
        try
        {
            // Arrange: chip 2 provisioned, chip 1 not
            await using var bridge = await BridgeProcess.StartAsync(folder, "--variant", "epa", "--chips", "2");
            var eid = (await bridge.Chip(2).GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            using var client = PassphraseClient.Derive(eid);
            (await client.ProvisionAsync(bridge.Chip(2))).Status.Should().Be(200);
            string ca = Path.Combine(folder, "ca.pem");

            // Act
            var https1 = await RunCliAsync("status", "--chip", "1", "--url", bridge.Https.ToString(), "--ca", ca);
            var https2 = await RunCliAsync("status", "--chip", "2", "--url", bridge.Https.ToString(), "--ca", ca);
            var http2 = await RunCliAsync("status", "--chip", "2", "--url", bridge.Http.ToString());
            var none = await RunCliAsync("status", "--url", bridge.Http.ToString());

            // Assert
            https1.Exit.Should().Be(0, https1.Error);
            https1.Out.Should().Contain("initialised: no");
            https2.Exit.Should().Be(0, https2.Error);
            https2.Out.Should().Contain("initialised: yes");
            http2.Exit.Should().Be(0, http2.Error);
            http2.Out.Should().Contain("initialised: yes");
            none.Exit.Should().NotBe(0, "a rack answers 421 to a request that names no chip");
            none.Error.Should().Contain("421");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Exit, string Out, string Error)> RunCliAsync(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var host = new CliHost(stdout, stderr, new SystemConsoleInput(), _ => null, TimeProvider.System);
        var exit = await HemSim.Cli.Program.RunAsync(args, host);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
