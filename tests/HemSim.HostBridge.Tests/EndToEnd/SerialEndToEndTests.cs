using System.Diagnostics;
using FluentAssertions;
using HemSim.HostBridge.Tests.Hosting;
using HemSim.HostBridge.Tests.Serial;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// The device alone on a virtual serial port (the launcher, a real process on a pseudo-terminal) and the real
/// bridge attached with <c>--serial</c>: provisioning, login and key creation over HTTPS, then hot-plug — the
/// launcher is killed and started again while the bridge keeps running.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class SerialEndToEndTests
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    [TestMethod]
    [Timeout(240_000, CooperativeCancellation = true)]
    public async Task Bridge_serves_a_device_on_a_virtual_serial_port_across_a_device_restart()
    {
        string folder = TestBridge.NewDataFolder();
        string port = Path.Combine(folder, "ports", "ttyHEM0");
        string deviceData = Path.Combine(folder, "device");
        LauncherProcess? launcher = null;
        BridgeProcess? bridge = null;
        try
        {
            // Arrange: launcher first, then the bridge, which may print READY before it has attached
            launcher = await LauncherProcess.StartAsync(port, deviceData);
            bridge = await BridgeProcess.StartAsync(Path.Combine(folder, "bridge"), "--serial", port);
            await StatusBecomesAsync(bridge, 200);
            string eid = (await bridge.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            using PassphraseClient client = PassphraseClient.Derive(eid);

            // Act / Assert: the foundation flow over the serial link
            (await client.ProvisionAsync(bridge)).Status.Should().Be(200);
            string token = await client.TokenAsync(bridge, "keymgmt:gen");
            BridgeProcess.Reply created = await bridge.PostAsync("/api/keymgmt/create", new { label = "over serial", type = "ED25519" }, token);
            created.Status.Should().Be(200, created.Body);

            // Act: pull the plug on the device
            await launcher.KillAsync();

            // Assert: the bridge is still up and says the device is unavailable
            await StatusBecomesAsync(bridge, 503);

            // Act: the device comes back on the same port with the same flash
            await launcher.DisposeAsync();
            launcher = await LauncherProcess.StartAsync(port, deviceData);

            // Assert: served again without restarting the bridge; the device kept its provisioning and keys
            await StatusBecomesAsync(bridge, 200);
            (await bridge.GetAsync("/api/system/status", tls: false)).Json.Should().NotContainKey("inited", "the device is still provisioned");
            string again = await client.TokenAsync(bridge, "keymgmt:gen");
            (await bridge.PostAsync("/api/keymgmt/create", new { label = "after replug", type = "AES256" }, again)).Status.Should().Be(200);
        }
        catch (Exception failure) when (failure is not AssertInconclusiveException)
        {
            // The processes' own account of what happened is what explains a failure here.
            string bridgeLog = bridge is null ? "" : await StopAndReadAsync(bridge.DisposeAsync, bridge.ErrorOutput);
            string launcherLog = launcher is null ? "" : await StopAndReadAsync(launcher.DisposeAsync, launcher.ErrorOutput);
            (bridge, launcher) = (null, null);
            throw new AssertFailedException($"{failure.Message}\n--- bridge stderr ---\n{bridgeLog}\n--- launcher stderr ---\n{launcherLog}", failure);
        }
        finally
        {
            if (bridge is not null)
            {
                await bridge.DisposeAsync();
            }
            if (launcher is not null)
            {
                await launcher.DisposeAsync();
            }
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<string> StopAndReadAsync(Func<ValueTask> stop, Task<string> errorOutput)
    {
        await stop();
        return await errorOutput.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Polls <c>GET /api/system/status</c> until it answers <paramref name="status"/>.</summary>
    private static async Task StatusBecomesAsync(BridgeProcess bridge, int status)
    {
        var waited = Stopwatch.StartNew();
        int last;
        while ((last = (await bridge.GetAsync("/api/system/status", tls: false)).Status) != status)
        {
            waited.Elapsed.Should().BeLessThan(s_patience, $"the bridge should answer {status} by now (it answers {last})");
            await Task.Delay(100);
        }
    }
}
