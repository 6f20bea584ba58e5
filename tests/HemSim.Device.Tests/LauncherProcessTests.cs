using System.Diagnostics;
using System.Runtime.Versioning;
using HemSim.TestKit;
using HemSim.Transport.Links;

namespace HemSim.Device.Tests;

/// <summary>The launcher as users run it: a process that stops cleanly on SIGTERM and guards its port.</summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
[SupportedOSPlatform("linux")]
public sealed class LauncherProcessTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void DeleteFolder() => _folder.Dispose();

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task SIGTERM_exits_0_and_removes_the_published_symlink()
    {
        // Arrange
        string port = _folder.Combine("ports", "ttyHEM0");
        using Process launcher = Start(port);
        try
        {
            string? ready = await launcher.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            ready.Should().Be($"HEMSIM DEVICE READY port={port}");
            new FileInfo(port).LinkTarget.Should().StartWith("/dev/pts/");

            // Act
            using (Process kill = Process.Start("kill", $"-TERM {launcher.Id}"))
            {
                await kill.WaitForExitAsync();
            }
            await launcher.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            // Assert
            launcher.ExitCode.Should().Be(0);
            (await launcher.StandardOutput.ReadToEndAsync()).Should().BeEmpty("READY is the only line on stdout");
            new FileInfo(port).Exists.Should().BeFalse();
            File.Exists(PortLock.PathOf(port)).Should().BeFalse();
        }
        finally
        {
            if (!launcher.HasExited)
            {
                launcher.Kill();
            }
        }
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task A_port_another_device_serves_is_refused_with_exit_code_1()
    {
        // Arrange: a running device owns the port
        string port = _folder.Combine("ports", "ttyHEM0");
        await using PtyLink owner = PtyLink.Create(port);

        // Act
        using Process launcher = Start(port);
        try
        {
            string stderr = await launcher.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await launcher.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            // Assert
            launcher.ExitCode.Should().Be(Program.StartupError);
            stderr.Should().StartWith("hemsim-device: error: ").And.Contain("in use by another HemSim device").And.NotContain("   at ");
            new FileInfo(port).LinkTarget.Should().Be(owner.TerminalPath);
        }
        finally
        {
            if (!launcher.HasExited)
            {
                launcher.Kill();
            }
        }
    }

    private Process Start(string port)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "hemsim-device.dll"), "--port", port, "--data", _folder.Combine("device") })
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start)!;
    }
}
