using System.CommandLine;
using System.Diagnostics;
using FluentAssertions;
using HemSim.HostBridge.Hosting;

namespace HemSim.HostBridge.Tests.Hosting;

/// <summary>The command-line contract: exit codes, messages and what goes to stdout and stderr.</summary>
[TestClass]
public sealed class ProgramTests
{
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();
    private BridgeSettings? _served;

    [TestMethod]
    public async Task Valid_options_reach_the_server_with_exit_code_0()
    {
        int exitCode = await RunAsync(["--http-port", "0", "--https-port", "0", "--data", "/tmp/hemsim-program"]);

        exitCode.Should().Be(0);
        _served!.Bridge.HttpPort.Should().Be(0);
        _stderr.ToString().Should().BeEmpty();
    }

    [TestMethod]
    public async Task Environment_value_is_used_when_the_option_is_absent()
    {
        int exitCode = await RunAsync(["--data", "/tmp/hemsim-program"], new() { ["HEMSIM_HTTPS_PORT"] = "9443" });

        exitCode.Should().Be(0);
        _served!.Bridge.HttpsPort.Should().Be(9443);
    }

    [TestMethod]
    public async Task Bad_port_exits_with_usage_error_and_a_one_line_message()
    {
        int exitCode = await RunAsync(["--http-port", "eighty"]);

        exitCode.Should().Be(Program.UsageError);
        _served.Should().BeNull();
        _stdout.ToString().Should().BeEmpty();
        _stderr.ToString().Should().Be($"hemsim-bridge: error: --http-port: 'eighty' is not a port number (0-65535).{Environment.NewLine}");
    }

    [TestMethod]
    public async Task Unknown_argument_exits_with_usage_error()
    {
        int exitCode = await RunAsync(["--no-such-option"]);

        exitCode.Should().Be(Program.UsageError);
        _served.Should().BeNull();
        _stderr.ToString().Should().Contain("--no-such-option");
    }

    [TestMethod]
    public async Task Seed_prints_an_insecurity_warning_on_stderr_only()
    {
        int exitCode = await RunAsync(["--seed", "0102", "--data", "/tmp/hemsim-program"]);

        exitCode.Should().Be(0);
        _served!.Device.Seed.Should().Equal(1, 2);
        _stderr.ToString().Should().StartWith("WARNING:").And.Contain("DETERMINISTIC").And.Contain("INSECURE");
        _stdout.ToString().Should().BeEmpty();
    }

    [TestMethod]
    public async Task Start_up_failure_is_one_line_without_a_stack_trace()
    {
        int exitCode = await RunAsync(["--data", "/tmp/hemsim-program"], serve: (_, _, _, _) => throw new IOException("Failed to bind to address http://127.0.0.1:8080: address already in use."));

        exitCode.Should().Be(Program.StartupError);
        _stderr.ToString().Should().Be($"hemsim-bridge: error: Failed to bind to address http://127.0.0.1:8080: address already in use.{Environment.NewLine}");
    }

    [TestMethod]
    public async Task Help_goes_to_stdout_and_lists_every_environment_variable()
    {
        int exitCode = await RunAsync(["--help"]);

        exitCode.Should().Be(0);
        _served.Should().BeNull();
        _stdout.ToString().Should().Contain("HEMSIM_HTTP_PORT").And.Contain("HEMSIM_KEYSTORE_SLOTS").And.Contain("HEMSIM_DIAG");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Bridge_process_with_a_bad_option_exits_non_zero_without_a_stack_trace()
    {
        // Arrange: the real executable, as `dotnet run --project HostBridge` starts it.
        string bridge = Path.Combine(AppContext.BaseDirectory, "HemSim.HostBridge.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(bridge);
        start.ArgumentList.Add("--https-port");
        start.ArgumentList.Add("99999");

        // Act
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        // Assert
        process.ExitCode.Should().Be(Program.UsageError);
        (await stdout).Should().BeEmpty();
        (await stderr).Should().Contain("--https-port: '99999' is not a port number").And.NotContain("   at ");
    }

    private async Task<int> RunAsync(
        string[] args,
        Dictionary<string, string>? environment = null,
        Func<BridgeSettings, TextWriter, TextWriter, CancellationToken, Task<int>>? serve = null)
    {
        environment ??= [];
        serve ??= (settings, _, _, _) =>
        {
            _served = settings;
            return Task.FromResult(0);
        };

        return await Program.RunAsync(args, name => environment.GetValueOrDefault(name), _stdout, _stderr, serve, new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
