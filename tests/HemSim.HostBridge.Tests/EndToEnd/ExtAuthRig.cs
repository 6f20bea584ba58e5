using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Authenticator;
using HemSim.Cli;
using HemSim.Cli.Input;
using HemSim.HostBridge.Tests.Hosting;
using HemSim.TestKit;
using AppBroker = HemSim.Authenticator.Broker.BrokerClient;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// The external-authenticator set-up a user runs (docs/EXTERNAL-AUTH.md): the bridge process, provisioned; the
/// stand-in backend process on the same data folder (so its broker's certificate comes from the same HemSim CA); the
/// virtual authenticator library as the phone app, talking to the broker over HTTPS. The client side is either
/// written out here call by call (<see cref="PairAsync"/>, <see cref="RequestApprovalAsync"/>) or the CLI verbs
/// (<see cref="RunCliAsync"/>).
/// </summary>
internal sealed class ExtAuthRig : IAsyncDisposable
{
    private readonly HttpClient _broker;

    private ExtAuthRig(string folder, BridgeProcess bridge, BackendProcess backend, PassphraseClient client)
    {
        Folder = folder;
        Bridge = bridge;
        Backend = backend;
        Client = client;
        _broker = CaTrust.CreateClient(CaTrust.Load(CaPath));
        AppBroker = AppBroker.Create(CaPath);
    }

    public string Folder { get; }

    public string CaPath => Path.Combine(Folder, "ca.pem");

    public BridgeProcess Bridge { get; }

    public BackendProcess Backend { get; }

    public PassphraseClient Client { get; }

    /// <summary>The app's HTTPS client for the broker's app-side routes.</summary>
    public AppBroker AppBroker { get; }

    public static async Task<ExtAuthRig> StartAsync()
    {
        string folder = TestBridge.NewDataFolder();
        BridgeProcess? bridge = null;
        try
        {
            bridge = await BridgeProcess.StartAsync(folder);
            var backend = await BackendProcess.StartAsync(folder);
            string eid = (await bridge.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
            var client = PassphraseClient.Derive(eid);
            (await client.ProvisionAsync(bridge)).Status.Should().Be(200);
            return new ExtAuthRig(folder, bridge, backend, client);
        }
        catch
        {
            if (bridge is not null)
            {
                await bridge.DisposeAsync();
            }
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Pairs <paramref name="app"/> as spec §9.1 lays the client's steps out: config, session, ext/init,
    /// register/init, the app at the link, register/check, ext/validate, finalise.
    /// </summary>
    public async Task<Pairing> PairAsync(VirtualAuthenticator app, string label)
    {
        string token = await Client.TokenAsync(Bridge, "auth:ext:pair");
        string eid = (await Bridge.GetAsync("/api/system/config", token)).Json["eid"]!.GetValue<string>();
        string epk = (await BrokerAsync(HttpMethod.Post, "/notify/session", new { eid })).Json!["epk"]!.GetValue<string>();
        var init = await Bridge.PostAsync("/api/auth/ext/init", new { epk }, token);
        init.Status.Should().Be(200, init.Body);
        var (status, registration) = await BrokerAsync(HttpMethod.Post, "/notify/register/init",
            new { epk, eid = init.Json["eid"]!.GetValue<string>(), request = init.Json["request"]!.GetValue<string>() });
        status.Should().Be(200);
        string rid = registration!["rid"]!.GetValue<string>();

        Task<Pairing> appSide = app.PairAsync(AppBroker, registration["link"]!.GetValue<string>(), label,
            TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60), CancellationToken.None);
        JsonNode answer = await PollAsync($"/notify/register/check/{rid}");
        var validated = await Bridge.PostAsync("/api/auth/ext/validate",
            new { pid = answer["pid"]!.GetValue<string>(), reply = answer["reply"]!.GetValue<string>() }, token);
        validated.Status.Should().Be(200, validated.Body);
        (await BrokerAsync(HttpMethod.Post, $"/notify/register/finalise/{rid}",
            new { kid = validated.Json["kid"]!.GetValue<string>(), code = validated.Json["code"]!.GetValue<string>() })).Status.Should().Be(200);
        Pairing pairing = await appSide;
        pairing.Kid.Should().Be(validated.Json["kid"]!.GetValue<string>());
        return pairing;
    }

    /// <summary>Spec §9.2 steps 2–4: a login session, ext/request, the event at the broker; returns the event id.</summary>
    public async Task<string> RequestApprovalAsync(string scope)
    {
        string epk = (await BrokerAsync(HttpMethod.Get, "/notify/session")).Json!["epk"]!.GetValue<string>();
        var request = await Bridge.PostAsync("/api/auth/ext/request", new { epk, scope });
        request.Status.Should().Be(200, request.Body);
        var (status, created) = await BrokerAsync(HttpMethod.Post, "/notify/event/new", request.Body);
        status.Should().Be(200);
        return created!["eventid"]!.GetValue<string>();
    }

    /// <summary>Asks the broker until the app has answered (200), at most a minute.</summary>
    public async Task<JsonNode> PollAsync(string path)
    {
        for (int attempt = 0; attempt < 600; attempt++)
        {
            var (status, json) = await BrokerAsync(HttpMethod.Get, path);
            if (status == 200)
            {
                return json!;
            }
            status.Should().Be(202);
            await Task.Delay(100);
        }
        throw new TimeoutException($"{path} stayed pending");
    }

    public async Task<(int Status, JsonNode? Json)> BrokerAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Backend.Url, path));
        if (body is not null)
        {
            request.Content = body is string text ? new StringContent(text, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body);
        }
        using var response = await _broker.SendAsync(request);
        string answer = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, answer.Length == 0 ? null : JsonNode.Parse(answer));
    }

    /// <summary>Keeps <paramref name="app"/> answering its events every 100 ms until <paramref name="stop"/> fires.</summary>
    public async Task RunAppAsync(VirtualAuthenticator app, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await app.AnswerPendingAsync(AppBroker, Backend.Url, stop);
                await Task.Delay(100, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by the test.
        }
    }

    /// <summary>The <c>ext pair|login</c> options for this broker, polling fast.</summary>
    public string[] BrokerOptions => ["--broker", Backend.Url.ToString(), "--poll", "0.2", "--timeout", "60"];

    /// <summary>
    /// Runs <c>hemsim</c> in-process against the bridge and the broker over HTTPS (the HemSim CA as the only root),
    /// with the user passphrase in the environment; <paramref name="onLine"/> sees every stdout line as it is written.
    /// </summary>
    public async Task<(int Exit, string Out, string Error)> RunCliAsync(Action<string>? onLine, params string[] args)
    {
        using var stdout = new LineWatchingWriter(onLine ?? (_ => { }));
        using var stderr = new StringWriter { NewLine = "\n" };
        var environment = new Dictionary<string, string> { ["HEMSIM_USER_PASSPHRASE"] = PassphraseClient.UserPassphrase };
        var host = new CliHost(stdout, stderr, new SystemConsoleInput(), environment.GetValueOrDefault, TimeProvider.System);
        int exit = await HemSim.Cli.Program.RunAsync(
            [.. args, "--url", Bridge.Https.ToString(), "--ca", CaPath], host);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        _broker.Dispose();
        AppBroker.Dispose();
        Client.Dispose();
        await Backend.DisposeAsync();
        await Bridge.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>A stdout that reports each whole line, so a test can act on the link while the command still runs.</summary>
    private sealed class LineWatchingWriter(Action<string> onLine) : StringWriter
    {
        public override string NewLine => "\n";

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            onLine(value ?? "");
        }
    }
}
