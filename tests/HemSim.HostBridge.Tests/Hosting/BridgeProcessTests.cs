using System.Diagnostics;
using System.Text.RegularExpressions;
using FluentAssertions;
using HemSim.TestKit;

namespace HemSim.HostBridge.Tests.Hosting;

/// <summary>
/// The bridge executable as users start it, with the real device behind the embedded link: the
/// READY line, HTTPS trusted through the printed CA, clean stdout, and shutdown on SIGTERM.
/// </summary>
[TestClass]
public sealed partial class BridgeProcessTests
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

    [TestMethod]
    [OSCondition(OperatingSystems.Linux)]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Started_bridge_prints_one_READY_line_serves_the_device_and_stops_on_SIGTERM()
    {
        // Arrange
        string folder = TestBridge.NewDataFolder();
        using Process process = StartBridge("--data", folder, "--http-port", "0", "--https-port", "0", "--seed", "00112233");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // Act: wait for READY, then ask the device for its status over HTTPS.
            string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(s_startTimeout);
            Match ready = ReadyLinePattern().Match(line ?? string.Empty);
            ready.Success.Should().BeTrue($"the first stdout line is the READY line, not '{line}'");
            using var ca = CaTrust.Load(ready.Groups["ca"].Value);
            using HttpClient client = CaTrust.CreateClient(ca);
            using HttpResponseMessage status = await client.GetAsync(new Uri(new Uri(ready.Groups["https"].Value), "/api/system/status"));
            string body = await status.Content.ReadAsStringAsync();

            await SignalAsync(process, "TERM");
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            // Assert
            status.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
            status.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
            body.Should().Contain("\"fls_state\":0");
            ready.Groups["ca"].Value.Should().Be(Path.Combine(folder, "ca.pem"));
            process.ExitCode.Should().Be(0);
            (await process.StandardOutput.ReadToEndAsync()).Should().BeEmpty("stdout carries the READY line only");
            (await stderr).Should().StartWith("WARNING:").And.Contain("INSECURE");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static Process StartBridge(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HemSim.HostBridge.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static async Task SignalAsync(Process process, string signal)
    {
        using Process kill = Process.Start("kill", $"-{signal} {process.Id}");
        await kill.WaitForExitAsync();
    }

    [GeneratedRegex(@"^HEMSIM READY http=(?<http>http://127\.0\.0\.1:\d+) https=(?<https>https://127\.0\.0\.1:\d+) ca=(?<ca>/\S+)$")]
    private static partial Regex ReadyLinePattern();
}
