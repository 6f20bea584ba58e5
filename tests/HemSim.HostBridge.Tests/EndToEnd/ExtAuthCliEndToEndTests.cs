using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Authenticator;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// <c>hemsim ext pair|list|login</c> as a user runs them (docs/EXTERNAL-AUTH.md): the CLI in-process against the
/// bridge and the stand-in broker processes, the virtual authenticator as the phone app.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class ExtAuthCliEndToEndTests
{
    private static ExtAuthRig s_rig = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => s_rig = await ExtAuthRig.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await s_rig.DisposeAsync();

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Ext_pair_pairs_the_app_that_scans_the_link_and_ext_list_shows_it()
    {
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        Task<Pairing>? appSide = null;

        // The app "scans" the QR payload the moment the CLI prints it.
        var pair = await s_rig.RunCliAsync(line =>
        {
            if (line.StartsWith("qr:", StringComparison.Ordinal))
            {
                appSide = app.PairAsync(s_rig.AppBroker, line["qr:".Length..], "cli phone", TimeSpan.FromMilliseconds(100),
                    TimeSpan.FromSeconds(60), CancellationToken.None);
            }
        }, ["ext", "pair", "--label", "cli phone", .. s_rig.BrokerOptions]);
        var list = await s_rig.RunCliAsync(null, "ext", "list", "--json");

        pair.Exit.Should().Be(0, pair.Error);
        appSide.Should().NotBeNull();
        Pairing pairing = await appSide!;
        pair.Out.Should().Contain($"kid:   {pairing.Kid}\nlabel: cli phone\ncode:  ");
        JsonNode qr = JsonNode.Parse(pair.Out.Split('\n')[0]["qr:".Length..])!;
        qr.AsObject().Select(member => member.Key).Should().Equal("link", "hash", "user", "email", "hostname");
        qr["hash"]!.GetValue<string>().Should().Be("not_implemented_yet");
        qr["user"]!.GetValue<string>().Should().Be("E2E user");
        list.Exit.Should().Be(0, list.Error);
        JsonNode.Parse(list.Out)!["apps"]!.AsArray().Should().ContainSingle(entry =>
            entry!["kid"]!.GetValue<string>() == pairing.Kid && entry["label"]!.GetValue<string>() == "cli phone"
            && entry["pid"]!.GetValue<string>() == pairing.Pid);
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Ext_login_prints_the_token_the_app_approved_and_it_reads_the_config()
    {
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        await s_rig.PairAsync(app, "cli approver");
        using var stop = new CancellationTokenSource();
        Task running = s_rig.RunAppAsync(app, stop.Token);

        var login = await s_rig.RunCliAsync(null, ["ext", "login", "--scope", "system:config", "--print-token", .. s_rig.BrokerOptions]);
        await stop.CancelAsync();
        await running;

        login.Exit.Should().Be(0, login.Error);
        string token = login.Out.Trim();
        (await s_rig.Bridge.GetAsync("/api/system/config", token)).Status.Should().Be(200);
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Ext_login_reports_a_denial_and_fails()
    {
        var app = new VirtualAuthenticator(ApprovalPolicy.DenyAll);
        await s_rig.PairAsync(app, "cli denier");
        using var stop = new CancellationTokenSource();
        Task running = s_rig.RunAppAsync(app, stop.Token);

        var login = await s_rig.RunCliAsync(null, ["ext", "login", "--scope", "system:config", .. s_rig.BrokerOptions]);
        await stop.CancelAsync();
        await running;

        login.Exit.Should().Be(1);
        login.Out.Should().BeEmpty();
        login.Error.Should().Contain("the app denied the request for system:config");
    }
}
