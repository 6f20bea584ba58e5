using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HemSim.HostBridge.Tests.Hosting;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// The stand-in backend executable (tools/HemSim.Backend) on a free port, sharing the bridge's data folder and so its
/// HemSim CA; <see cref="PostAsync"/> calls it over HTTPS that trusts only that CA. Never left running: a failed
/// start kills it, disposal stops it with SIGTERM (then kills it if it does not exit).
/// </summary>
internal sealed partial class BackendProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly X509Certificate2 _ca;
    private readonly HttpClient _http;

    private BackendProcess(Process process, Uri url, X509Certificate2 ca)
    {
        _process = process;
        Url = url;
        _ca = ca;
        _http = CaTrust.CreateClient(ca);
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
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(90));
            var ready = Ready().Match(line ?? "");
            if (!ready.Success)
            {
                throw new InvalidOperationException($"The backend did not print its READY line; it printed '{line}'.");
            }
            return new BackendProcess(process, new Uri(ready.Groups["url"].Value), CaTrust.Load(Path.Combine(dataFolder, "ca.pem")));
        }
        catch
        {
            process.Kill();     // never leave a backend running behind a failed start
            process.Dispose();
            throw;
        }
    }

    /// <summary>POSTs <paramref name="json"/> and returns the status and the answer as JSON (null when empty).</summary>
    public async Task<(int Status, JsonObject? Json)> PostAsync(string path, string json)
    {
        using var response = await _http.PostAsync(new Uri(Url, path), new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _ca.Dispose();
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
