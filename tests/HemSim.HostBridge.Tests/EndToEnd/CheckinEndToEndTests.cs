using FluentAssertions;
using HemSim.Cli;
using HemSim.Cli.Input;
using HemSim.HostBridge.Tests.Hosting;
using HemSim.TestKit;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// Check-in as a user runs it (spec §8.1): the real bridge with its RTC unset, the real stand-in backend on the
/// same data folder (so the same HemSim CA), and <c>hemsim checkin</c> relaying between them over HTTPS.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class CheckinEndToEndTests
{
    /// <summary>Far from the host clock, so a device time near it can only have come from the backend.</summary>
    private const long BackendTime = 1_000_000_000;

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Checkin_through_the_cli_sets_the_device_clock_to_the_backend_time()
    {
        var folder = TestBridge.NewDataFolder();
        try
        {
            // Arrange
            await using var bridge = await BridgeProcess.StartAsync(folder, "--clock", "unset");
            (await bridge.GetAsync("/api/system/status", tls: false)).Json.ContainsKey("time").Should().BeFalse();
            await using var backend = await BackendProcess.StartAsync(folder, "--time", BackendTime.ToString(global::System.Globalization.CultureInfo.InvariantCulture));

            // Act
            var (exit, output, error) = await RunCliAsync(folder, bridge, "checkin", "--backend", new Uri(backend.Url, "/checkin").ToString());

            // Assert
            exit.Should().Be(0, error);
            error.Should().BeEmpty();
            output.Should().StartWith("status: OK (nothing to do)\ntime:   2001-09-09T01:46:");
            var time = (await bridge.GetAsync("/api/system/status", tls: false)).Json["time"]!.GetValue<long>();
            time.Should().BeInRange(BackendTime, BackendTime + 60, "the RTC was set from the backend's iat and has run since");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Checkin_with_a_backend_the_device_does_not_trust_leaves_the_clock_unset()
    {
        var folder = TestBridge.NewDataFolder();
        try
        {
            // Arrange: the device trusts another backend key than the published one the stand-in uses.
            var otherKey = Convert.ToBase64String(Enumerable.Repeat((byte)0x09, 32).ToArray());
            await using var bridge = await BridgeProcess.StartAsync(folder, "--clock", "unset", "--backend-key", otherKey);
            await using var backend = await BackendProcess.StartAsync(folder);

            // Act
            var (exit, _, error) = await RunCliAsync(folder, bridge, "checkin", "--backend", new Uri(backend.Url, "/checkin").ToString());

            // Assert
            exit.Should().Be(1);
            error.Should().Contain("answered 401");
            (await bridge.GetAsync("/api/system/status", tls: false)).Json.ContainsKey("time").Should().BeFalse();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs <c>hemsim</c> in-process against the bridge over HTTPS, trusting the HemSim CA of <paramref name="folder"/>.</summary>
    private static async Task<(int Exit, string Out, string Error)> RunCliAsync(string folder, BridgeProcess bridge, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var host = new CliHost(stdout, stderr, new SystemConsoleInput(), _ => null, TimeProvider.System);
        var exit = await HemSim.Cli.Program.RunAsync([.. args, "--url", bridge.Https.ToString(), "--ca", Path.Combine(folder, "ca.pem")], host);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
