using System.CommandLine;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using HemSim.Transport.Control;
using HemSim.Transport.Diagnostics;
using HemSim.Transport.Links;
using HemSim.Transport.Session;

namespace HemSim.Device.Tests;

/// <summary>The launcher's command-line contract, in process: exit codes, stdout and stderr, the READY line.</summary>
[TestClass]
public sealed class ProgramTests
{
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();
    private readonly TempFolder _folder = new();
    private LauncherSettings? _served;

    [TestCleanup]
    public void DeleteFolder() => _folder.Dispose();

    [TestMethod]
    public async Task Bad_option_exits_with_usage_error_and_a_one_line_message()
    {
        int exitCode = await RunAsync(["--port", "/tmp/hemsim/ttyHEM0", "--baud", "fast"]);

        exitCode.Should().Be(Program.UsageError);
        _served.Should().BeNull();
        _stdout.ToString().Should().BeEmpty();
        _stderr.ToString().Should().Be($"hemsim-device: error: --baud: 'fast' is not a baud rate (50-10000000).{Environment.NewLine}");
    }

    [TestMethod]
    public async Task Seed_prints_the_insecurity_warning_on_stderr_only()
    {
        int exitCode = await RunAsync(["--port", "/tmp/hemsim/ttyHEM0", "--seed", "0102", "--data", _folder.Path]);

        exitCode.Should().Be(0);
        _served!.Device.Seed.Should().Equal(1, 2);
        _stderr.ToString().Should().StartWith("WARNING:").And.Contain("DETERMINISTIC").And.Contain("INSECURE");
        _stdout.ToString().Should().BeEmpty();
    }

    [TestMethod]
    public async Task Start_up_failure_is_one_line_without_a_stack_trace()
    {
        int exitCode = await RunAsync(["--port", "/tmp/hemsim/ttyHEM0", "--data", _folder.Path],
            serve: (_, _, _, _) => throw new IOException("/tmp/hemsim/ttyHEM0 is in use by another HemSim device."));

        exitCode.Should().Be(Program.StartupError);
        _stderr.ToString().Should().Be($"hemsim-device: error: /tmp/hemsim/ttyHEM0 is in use by another HemSim device.{Environment.NewLine}");
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux)]
    public async Task Serves_on_a_published_port_with_exactly_one_READY_line_and_unpublishes_on_stop()
    {
        // Arrange
        string port = _folder.Combine("ports", "ttyHEM0");
        string tap = _folder.Combine("frames.pcapng");
        var settings = new LauncherSettings(port, null, tap, new HemDeviceOptions { DataDirectory = _folder.Combine("device") });
        using var stop = new CancellationTokenSource();

        // Act: serve, talk to the device as a host would (an API request and a control operation), stop
        Task<int> serving = Program.ServeAsync(settings, _stdout, _stderr, stop.Token);
        await WaitForLineAsync();
        string? published = new FileInfo(port).LinkTarget;
        ApiResponse status;
        ControlResult faults;
        await using (SerialPortLink link = SerialPortLink.Open(port))
        {
            await using HostSession host = await HostSession.ConnectAsync(link).WaitAsync(TimeSpan.FromSeconds(30));
            host.DeviceIdentity.Should().Be("HemSim PPA 1.2.2-sim");
            status = await host.SendAsync(ApiRequest.Get("/api/system/status", isTls: false));
            faults = await host.ControlAsync(ControlOperation.GetFaultState, ReadOnlyMemory<byte>.Empty);
        }
        stop.Cancel();
        int exitCode = await serving.WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        exitCode.Should().Be(0);
        _stdout.ToString().Should().Be($"HEMSIM DEVICE READY port={port}{Environment.NewLine}");
        published.Should().StartWith("/dev/pts/");
        status.Status.Should().Be(200);
        faults.Status.Should().Be(ControlStatus.Ok);
        faults.Data.ToArray().Should().Equal(0x00);
        new FileInfo(port).Exists.Should().BeFalse("the symlink is removed on exit");
        File.Exists(PortLock.PathOf(port)).Should().BeFalse();
        FrameTapReader.ReadAll(tap).Select(frame => frame.Direction).Should()
            .Contain(FrameDirection.Inbound).And.Contain(FrameDirection.Outbound);
    }

    private async Task WaitForLineAsync()
    {
        for (int i = 0; i < 600 && !_stdout.ToString().Contains('\n'); i++)
        {
            await Task.Delay(50);
        }
    }

    private async Task<int> RunAsync(string[] args, Func<LauncherSettings, TextWriter, TextWriter, CancellationToken, Task<int>>? serve = null)
    {
        serve ??= (settings, _, _, _) =>
        {
            _served = settings;
            return Task.FromResult(0);
        };
        return await Program.RunAsync(args, _ => null, _stdout, _stderr, serve, new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
