using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HemSim.TestKit;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// The bridge executable with its embedded device, started as a user starts it (free ports, a data
/// folder), talked to over real HTTP and HTTPS with the generated CA as the only trusted root.
/// </summary>
internal sealed partial class BridgeProcess : IBridgeEndpoint, IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly X509Certificate2 _ca;
    private bool _disposed;

    private BridgeProcess(Process process, Uri http, Uri https, X509Certificate2 ca, Task<string> errorOutput)
    {
        _process = process;
        Http = http;
        Https = https;
        _ca = ca;
        ErrorOutput = errorOutput;
    }

    public Uri Http { get; }
    public Uri Https { get; }

    /// <summary>Everything the bridge wrote on stderr; completes when the process has exited.</summary>
    public Task<string> ErrorOutput { get; }

    public static async Task<BridgeProcess> StartAsync(string dataFolder, params string[] extraArgs)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HemSim.HostBridge.dll"));
        foreach (var arg in new[] { "--data", dataFolder, "--http-port", "0", "--https-port", "0" }.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        var errorOutput = process.StandardError.ReadToEndAsync();
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync().WaitAsync(s_startTimeout);
        }
        catch
        {
            process.Kill();     // never leave a bridge running behind a failed start
            process.Dispose();
            throw;
        }
        var ready = ReadyLine().Match(line ?? "");
        if (!ready.Success)
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"The bridge did not print its READY line; it printed '{line}'.");
        }
        return new BridgeProcess(process, new Uri(ready.Groups["http"].Value), new Uri(ready.Groups["https"].Value),
            CaTrust.Load(ready.Groups["ca"].Value), errorOutput);
    }

    /// <summary>Chip <paramref name="chip"/> of an EPA rack (<c>--chips</c>): requests carry <c>Host: c&lt;chip&gt;.localhost</c> (and that SNI).</summary>
    public IBridgeEndpoint Chip(int chip) => new ChipEndpoint(this, $"c{chip}.localhost");

    /// <param name="host">The Host header (without port; HTTPS sends it as SNI too), or null for the URL's.</param>
    public async Task<Reply> SendAsync(HttpMethod method, string path, object? body = null, string? token = null, bool tls = true, string? host = null)
    {
        using var client = CaTrust.CreateClient(_ca);
        using var request = new HttpRequestMessage(method, new Uri(tls ? Https : Http, path));
        if (host is not null)
        {
            request.Headers.Host = $"{host}:{(tls ? Https : Http).Port}";
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            var json = body as string ?? System.Text.Json.JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        var started = Stopwatch.StartNew();
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply((int)response.StatusCode, text, started.Elapsed);
    }

    public Task<Reply> GetAsync(string path, string? token = null, bool tls = true) => SendAsync(HttpMethod.Get, path, null, token, tls);

    public Task<Reply> PostAsync(string path, object body, string? token = null, bool tls = true) => SendAsync(HttpMethod.Post, path, body, token, tls);

    /// <summary>Stops the process as an operator would (SIGTERM) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }
        using (var kill = Process.Start("kill", $"-TERM {_process.Id}"))
        {
            await kill.WaitForExitAsync();
        }
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            await StopAsync();
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
            _process.Dispose();
            _ca.Dispose();
        }
    }

    private sealed class ChipEndpoint(BridgeProcess bridge, string host) : IBridgeEndpoint
    {
        public Task<Reply> GetAsync(string path, string? token = null, bool tls = true) =>
            bridge.SendAsync(HttpMethod.Get, path, null, token, tls, host);

        public Task<Reply> PostAsync(string path, object body, string? token = null, bool tls = true) =>
            bridge.SendAsync(HttpMethod.Post, path, body, token, tls, host);
    }

    internal sealed record Reply(int Status, string Body, TimeSpan Elapsed)
    {
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    }

    [GeneratedRegex(@"^HEMSIM READY http=(?<http>http://\S+) https=(?<https>https://\S+) ca=(?<ca>/\S+)$")]
    private static partial Regex ReadyLine();
}
