using System.Text;
using FluentAssertions;
using HemSim.Cli.Logs;
using HemSim.HostBridge.Tests.Hosting;
using HemSim.TestKit;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// The audit log through the real bridge process, as [T] test_9 uses it: files from several boots (a reboot over the
/// API and a restart of the process on the same data folder), listed, downloaded and verified by two independent
/// verifiers (TestKit's and the command-line client's), with the command-line client driving the device too.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class LoggerEndToEndTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Logs_of_earlier_boots_list_download_and_verify_through_the_bridge()
    {
        var folder = TestBridge.NewDataFolder();
        var download = Path.Combine(folder, "downloaded.log");
        BridgeProcess? bridge = null;
        try
        {
            // Boot 1: provision, then reboot over the API (boot 2).
            bridge = await BridgeProcess.StartAsync(folder);
            var eid = (await bridge.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            using var client = PassphraseClient.Derive(eid);
            (await client.ProvisionAsync(bridge)).Status.Should().Be(200);
            var reboot = await client.TokenAsync(bridge, "system:config");
            (await bridge.GetAsync("/api/system/reboot", reboot, tls: false)).Status.Should().Be(200);

            // Boot 3: stop the process and start a new one on the same folder.
            await bridge.DisposeAsync();
            bridge = await BridgeProcess.StartAsync(folder);
            var token = await client.TokenAsync(bridge, "logger:get");
            var ca = Path.Combine(folder, "ca.pem");
            var https = bridge.Https.ToString();

            // The key, checked by the CLI ([T] checks nonce_signed before trusting it).
            var key = await RunCliAsync("logs", "key", "--url", https, "--ca", ca, "--token", token);
            key.Exit.Should().Be(0, key.Error);
            key.Out.Should().Contain("nonce_signed: valid");
            var loggerKey = Convert.FromBase64String((await bridge.GetAsync("/api/logger/key", token)).Json["key"]!.GetValue<string>());

            // The list: one file per boot, ascending, the current one last.
            var list = await bridge.GetAsync("/api/logger/list/0", token);
            list.Status.Should().Be(200);
            var ids = list.Json["id"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
            list.Json["total"]!.GetValue<int>().Should().Be(3);
            ids.Should().HaveCount(3).And.BeInAscendingOrder(StringComparer.Ordinal);
            var cliList = await RunCliAsync("logs", "list", "--all", "--url", https, "--ca", ca, "--token", token);
            cliList.Exit.Should().Be(0, cliList.Error);
            cliList.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipLast(1).Should().Equal(ids);

            // The current file is locked; the second-to-last ([T]: the newest closed file) downloads as text/plain.
            (await bridge.GetAsync("/api/logger/" + ids[^1], token)).Status.Should().Be(406);
            var raw = await GetRawAsync(bridge, "/api/logger/" + ids[^2], token);
            raw.Status.Should().Be(200);
            raw.ContentType.Should().Be("text/plain");
            raw.ContentLength.Should().Be(raw.Body.Length);
            var text = Encoding.ASCII.GetString(raw.Body);
            text.Should().StartWith("# Encedo HEM v").And.EndWith("\n").And.NotContain("\r");

            // Downloaded by the CLI, the same bytes; both verifiers accept them.
            var get = await RunCliAsync("logs", "get", ids[^2], "--out", download, "--url", https, "--ca", ca, "--token", token);
            get.Exit.Should().Be(0, get.Error);
            File.ReadAllBytes(download).Should().Equal(raw.Body);
            AuditLogVerifier.Verify(text[..^1].Split('\n'), loggerKey).Should().BeEmpty();
            LogVerifier.Verify(raw.Body, loggerKey).Verified.Should().BeTrue();
            var verify = await RunCliAsync("logs", "verify", download, "--url", https, "--ca", ca, "--token", token);
            verify.Exit.Should().Be(0, verify.Out + verify.Error);
            verify.Out.Should().Contain(": verified, ");

            // One flipped byte anywhere past the banner: the CLI's verifier names that byte's line.
            var bannerEnd = Array.IndexOf(raw.Body, (byte)'\n');
            for (var position = bannerEnd; position < raw.Body.Length; position++)
            {
                var tampered = (byte[])raw.Body.Clone();
                tampered[position] ^= 0x01;
                var result = LogVerifier.Verify(tampered, loggerKey);
                result.Verified.Should().BeFalse($"byte {position} was flipped");
                result.Line.Should().Be(raw.Body.AsSpan(0, position).Count((byte)'\n') + 1, result.Reason);
            }

            // And the CLI command says so, with exit code 1.
            var broken = (byte[])raw.Body.Clone();
            broken[^3] ^= 0x01;
            File.WriteAllBytes(download, broken);
            var refused = await RunCliAsync("logs", "verify", download, "--key", Convert.ToBase64String(loggerKey));
            refused.Exit.Should().Be(1);
            refused.Out.Should().Contain($"does NOT verify: line {text.Count(c => c == '\n')}: ");
        }
        finally
        {
            // Stopped on failure too: a leaked bridge process would outlive the test run.
            if (bridge is not null)
            {
                await bridge.DisposeAsync();
            }
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Exit, string Out, string Error)> RunCliAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await HemSim.Cli.Program.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A GET over plain HTTP (the logger allows it, spec §15) that keeps the bytes and the content headers.</summary>
    private static async Task<(int Status, string? ContentType, long? ContentLength, byte[] Body)> GetRawAsync(
        BridgeProcess bridge, string path, string token)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(bridge.Http, path));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), response.Content.Headers.ContentLength, body);
    }
}
