using System.ComponentModel;
using System.Diagnostics;

namespace HemSim.Transport.Tests.Links;

/// <summary>
/// <c>socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B</c>: two pseudo-terminals joined back to back, the
/// usual way to fake a serial cable. Disposing kills socat, which closes both terminals.
/// </summary>
internal sealed class SocatPair : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private int _disposed;

    private SocatPair(Process process, string devicePath, string hostPath)
    {
        _process = process;
        DevicePath = devicePath;
        HostPath = hostPath;
    }

    public string DevicePath { get; }

    public string HostPath { get; }

    /// <summary>Starts socat and waits until both links exist; inconclusive when socat is not installed.</summary>
    public static async Task<SocatPair> StartAsync(string devicePath, string hostPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(devicePath)!);
        Directory.CreateDirectory(Path.GetDirectoryName(hostPath)!);
        var start = new ProcessStartInfo("socat") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in new[] { "-d", "-d", $"pty,raw,echo=0,link={devicePath}", $"pty,raw,echo=0,link={hostPath}" })
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            Assert.Inconclusive("socat is not installed (apt-get install socat; .ci/run installs it).");
            throw;
        }
        _ = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();

        var pair = new SocatPair(process, devicePath, hostPath);
        var waited = Stopwatch.StartNew();
        while (!(File.Exists(devicePath) && File.Exists(hostPath)))
        {
            if (process.HasExited || waited.Elapsed > s_startTimeout)
            {
                await pair.DisposeAsync();
                throw new InvalidOperationException($"socat did not create {devicePath} and {hostPath}.");
            }
            await Task.Delay(20);
        }
        return pair;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _process.Dispose();
        }
    }
}
