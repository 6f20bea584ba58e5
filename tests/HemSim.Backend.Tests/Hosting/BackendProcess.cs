using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace HemSim.Backend.Tests.Hosting;

/// <summary>The backend executable started as a user starts it, with a data folder and a free port.</summary>
internal sealed partial class BackendProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BackendProcess(Process process, string readyLine, Uri url)
    {
        _process = process;
        ReadyLine = readyLine;
        Url = url;
    }

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
        string? line = null;
        try
        {
            line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(90));
        }
        finally
        {
            if (line is null || !Ready().IsMatch(line))
            {
                process.Kill();
                process.Dispose();
            }
        }
        var ready = Ready().Match(line ?? "");
        if (!ready.Success)
        {
            throw new InvalidOperationException($"The backend did not print its READY line; it printed '{line}'.");
        }
        return new BackendProcess(process, line!, new Uri(ready.Groups["url"].Value));
    }

    /// <summary>POSTs JSON to <paramref name="path"/> trusting only <paramref name="ca"/>; the certificate must match <paramref name="host"/>.</summary>
    public async Task<(int Status, string Body)> PostAsync(string path, string json, X509Certificate2 ca)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                    {
                        return false;
                    }
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
                },
            },
        });
        using var response = await client.PostAsync(new Uri(Url, path), new StringContent(json, Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
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

    public int ExitCode => _process.ExitCode;

    [GeneratedRegex(@"^HEMSIM BACKEND READY url=(?<url>https://127\.0\.0\.1:\d+)$")]
    private static partial Regex Ready();
}
