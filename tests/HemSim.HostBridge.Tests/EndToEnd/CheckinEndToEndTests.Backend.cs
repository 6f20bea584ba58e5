using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HemSim.HostBridge.Tests.EndToEnd;

public sealed partial class CheckinEndToEndTests
{
    /// <summary>The stand-in backend executable (tools/HemSim.Backend) on a free port, sharing the bridge's data folder.</summary>
    private sealed partial class BackendProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private BackendProcess(Process process, Uri url)
        {
            _process = process;
            Url = url;
        }

        public Uri Url { get; }

        public static async Task<BackendProcess> StartAsync(string dataFolder, params string[] extraArgs)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HemSim.Backend.dll"));
            foreach (var arg in new[] { "--data", dataFolder, "--https-port", "0" }.Concat(extraArgs))
            {
                start.ArgumentList.Add(arg);
            }
            var process = Process.Start(start)!;
            _ = process.StandardError.ReadToEndAsync();
            Match ready = Match.Empty;
            try
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(90));
                ready = Ready().Match(line ?? "");
                if (!ready.Success)
                {
                    throw new InvalidOperationException($"The backend did not print its READY line; it printed '{line}'.");
                }
            }
            catch
            {
                process.Kill();     // never leave a backend running behind a failed start
                process.Dispose();
                throw;
            }
            return new BackendProcess(process, new Uri(ready.Groups["url"].Value));
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                using (var kill = Process.Start("kill", $"-TERM {_process.Id}"))
                {
                    await kill.WaitForExitAsync();
                }
                try
                {
                    await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
                }
                finally
                {
                    if (!_process.HasExited)
                    {
                        _process.Kill();
                    }
                }
            }
            _process.Dispose();
        }

        [GeneratedRegex(@"^HEMSIM BACKEND READY url=(?<url>https://\S+)$")]
        private static partial Regex Ready();
    }
}
