using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HemSim.TestKit;

/// <summary>
/// The stand-in backend executable (tools/HemSim.Backend) started as a user starts it: a data folder and a free port.
/// It shares that folder's HemSim CA (ca.pem, created by the backend or the bridge, whichever comes first), so its
/// HTTPS is called trusting only that CA. Never left running: a failed start kills it, disposal stops it with SIGTERM
/// (then kills it if it does not exit). HemSim.Backend.dll is found next to the test assembly, so the test project
/// must reference tools/HemSim.Backend.
/// </summary>
internal sealed partial class BackendProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly X509Certificate2 _ca;
    private readonly HttpClient _http;

    private BackendProcess(Process process, string readyLine, Uri url, X509Certificate2 ca)
    {
        _process = process;
        ReadyLine = readyLine;
        Url = url;
        _ca = ca;
        _http = CaTrust.CreateClient(ca);
    }

    /// <summary>The READY line exactly as printed, for tests of the line itself.</summary>
    public string ReadyLine { get; }

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
            return new BackendProcess(process, line!, new Uri(ready.Groups["url"].Value), CaTrust.Load(Path.Combine(dataFolder, "ca.pem")));
        }
        catch
        {
            process.Kill();     // never leave a backend running behind a failed start
            process.Dispose();
            throw;
        }
    }

    /// <summary>POSTs <paramref name="json"/> trusting the data folder's CA; returns the status and the answer as JSON (null when empty).</summary>
    public async Task<(int Status, JsonObject? Json)> PostAsync(string path, string json)
    {
        var (status, body) = await PostAsync(_http, path, json);
        return (status, body.Length == 0 ? null : JsonNode.Parse(body)!.AsObject());
    }

    /// <summary>POSTs <paramref name="json"/> trusting only <paramref name="ca"/>; returns the status and the answer as text.</summary>
    public async Task<(int Status, string Body)> PostAsync(string path, string json, X509Certificate2 ca)
    {
        using var client = CaTrust.CreateClient(ca);
        return await PostAsync(client, path, json);
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

    private async Task<(int Status, string Body)> PostAsync(HttpClient client, string path, string json)
    {
        using var response = await client.PostAsync(new Uri(Url, path), new StringContent(json, Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"^HEMSIM BACKEND READY url=(?<url>https://\S+)$")]
    private static partial Regex Ready();
}
