using System.Diagnostics;

namespace HemSim.HostBridge.Tests.Serial;

/// <summary>
/// The device launcher (<c>hemsim-device</c>) as a process, started as a user starts it: a port path and a
/// data folder. Disposing kills it if it still runs.
/// </summary>
internal sealed class LauncherProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;

    private LauncherProcess(Process process, Task<string> errorOutput)
    {
        _process = process;
        ErrorOutput = errorOutput;
    }

    /// <summary>Everything the launcher wrote on stderr; completes when the process has exited.</summary>
    public Task<string> ErrorOutput { get; }

    /// <summary>Starts the launcher and waits for <c>HEMSIM DEVICE READY port=PATH</c>.</summary>
    public static Task<LauncherProcess> StartAsync(string port, string dataFolder, params string[] extraArgs) =>
        StartAsync(port, dataFolder, [port], extraArgs);

    /// <summary>Starts an EPA rack (<c>--variant epa --chips N</c>) and waits for one READY line per chip, <c>PATH.c1</c> … <c>PATH.cN</c>.</summary>
    public static Task<LauncherProcess> StartRackAsync(string port, string dataFolder, int chips) =>
        StartAsync(port, dataFolder, Enumerable.Range(1, chips).Select(chip => $"{port}.c{chip}").ToArray(),
            ["--variant", "epa", "--chips", chips.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    private static async Task<LauncherProcess> StartAsync(string port, string dataFolder, string[] readyPorts, string[] extraArgs)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hemsim-device.dll"));
        foreach (string arg in new[] { "--port", port, "--data", dataFolder }.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }
        Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        var launcher = new LauncherProcess(process, stderr);
        foreach (string readyPort in readyPorts)
        {
            string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(s_startTimeout);
            if (line != $"HEMSIM DEVICE READY port={readyPort}")
            {
                await launcher.DisposeAsync();
                throw new InvalidOperationException($"The launcher printed '{line}', not its READY line; stderr: {await stderr}");
            }
        }
        return launcher;
    }

    /// <summary>Pulls the plug: SIGKILL, no clean-up (the symlink and lock file stay behind).</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await KillAsync();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
