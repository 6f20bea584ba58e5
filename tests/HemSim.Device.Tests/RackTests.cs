using System.CommandLine;
using System.Text.Json;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using HemSim.Transport.Diagnostics;
using HemSim.Transport.Links;
using HemSim.Transport.Session;

namespace HemSim.Device.Tests;

/// <summary>
/// <c>--chips N</c> in the launcher: N independent EPA chips, chip i published at <c>PORT.c&lt;i&gt;</c> with one READY
/// line each, its flash in <c>DATA/c&lt;i&gt;</c> and its frames in <c>TAP.c&lt;i&gt;</c>.
/// </summary>
[TestClass]
public sealed class RackTests
{
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();
    private readonly TempFolder _folder = new();
    private LauncherSettings? _served;

    [TestCleanup]
    public void DeleteFolder() => _folder.Dispose();

    [TestMethod]
    public async Task Chips_are_read_from_the_command_line_or_HEMSIM_CHIPS()
    {
        (await RunAsync(["--port", "/tmp/hemsim/ttyHEM0", "--variant", "epa", "--chips", "3", "--data", _folder.Path])).Should().Be(0);
        _served!.Chips.Should().Be(3);

        (await RunAsync(["--port", "/tmp/hemsim/ttyHEM0", "--data", _folder.Path], new() { ["HEMSIM_CHIPS"] = "2", ["HEMSIM_VARIANT"] = "epa" })).Should().Be(0);
        _served!.Chips.Should().Be(2);
    }

    [TestMethod]
    public async Task One_chip_by_default()
    {
        (await RunAsync(["--port", "/tmp/hemsim/ttyHEM0", "--data", _folder.Path])).Should().Be(0);

        _served!.Chips.Should().Be(1);
    }

    [TestMethod]
    public async Task A_rack_of_a_PPA_is_a_usage_error()
    {
        int exitCode = await RunAsync(["--port", "/tmp/hemsim/ttyHEM0", "--chips", "2", "--data", _folder.Path]);

        exitCode.Should().Be(Program.UsageError);
        _served.Should().BeNull();
        _stderr.ToString().Should().Be(
            $"hemsim-device: error: --chips: a rack of 2 chips is EPA hardware; add --variant epa (a PPA is one device).{Environment.NewLine}");
    }

    [TestMethod]
    public async Task Chips_past_64_are_a_usage_error()
    {
        int exitCode = await RunAsync(["--port", "/tmp/hemsim/ttyHEM0", "--variant", "epa", "--chips", "65", "--data", _folder.Path]);

        exitCode.Should().Be(Program.UsageError);
        _stderr.ToString().Should().Contain("--chips: '65' is not a number of chips (1-64).");
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux)]
    public async Task Serves_each_chip_on_its_own_port_with_one_READY_line_each()
    {
        // Arrange
        string port = _folder.Combine("ports", "ttyHEM0");
        string tap = _folder.Combine("frames.pcapng");
        var device = new HemDeviceOptions { DataDirectory = _folder.Combine("rack"), Variant = HardwareVariant.Epa };
        var settings = new LauncherSettings(port, null, tap, device, Chips: 2);
        using var stop = new CancellationTokenSource();

        // Act: serve, ask each chip for its identity key, stop
        Task<int> serving = Program.ServeAsync(settings, _stdout, _stderr, stop.Token);
        await WaitForLinesAsync(2);
        var eids = new List<string>();
        foreach (string chipPort in new[] { $"{port}.c1", $"{port}.c2" })
        {
            await using SerialPortLink link = SerialPortLink.Open(chipPort);
            await using HostSession host = await HostSession.ConnectAsync(link).WaitAsync(TimeSpan.FromSeconds(30));
            host.DeviceIdentity.Should().Be("HemSim EPA 1.2.2-sim");
            ApiResponse init = await host.SendAsync(ApiRequest.Get("/api/auth/init", isTls: false));
            eids.Add(JsonDocument.Parse(init.Body).RootElement.GetProperty("eid").GetString()!);
        }
        stop.Cancel();
        int exitCode = await serving.WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        exitCode.Should().Be(0);
        _stdout.ToString().Should().Be(
            $"HEMSIM DEVICE READY port={port}.c1{Environment.NewLine}HEMSIM DEVICE READY port={port}.c2{Environment.NewLine}");
        eids.Should().OnlyHaveUniqueItems("each chip is its own device");
        File.Exists(Path.Combine(device.DataDirectory, "c1", "flash.db")).Should().BeTrue();
        File.Exists(Path.Combine(device.DataDirectory, "c2", "flash.db")).Should().BeTrue();
        File.Exists(port).Should().BeFalse("a rack publishes nothing at the bare path");
        new FileInfo($"{port}.c1").Exists.Should().BeFalse("every chip's port is unpublished on exit");
        new FileInfo($"{port}.c2").Exists.Should().BeFalse();
        FrameTapReader.ReadAll($"{tap}.c2").Should().NotBeEmpty("each chip records its own frames");
    }

    private async Task WaitForLinesAsync(int lines)
    {
        for (int i = 0; i < 600 && _stdout.ToString().Count(c => c == '\n') < lines; i++)
        {
            await Task.Delay(50);
        }
    }

    private async Task<int> RunAsync(string[] args, Dictionary<string, string>? environment = null)
    {
        _served = null;
        Func<LauncherSettings, TextWriter, TextWriter, CancellationToken, Task<int>> serve = (settings, _, _, _) =>
        {
            _served = settings;
            return Task.FromResult(0);
        };
        return await Program.RunAsync(args, name => environment?.GetValueOrDefault(name), _stdout, _stderr, serve,
            new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
