using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Authenticator;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// Pairing and remote login (spec §9, docs/EXTERNAL-AUTH.md) with every message crossing real processes: the test
/// plays the client call by call, the bridge's device signs and checks, the stand-in broker relays, the virtual
/// authenticator answers.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed class ExtAuthEndToEndTests
{
    private static ExtAuthRig s_rig = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => s_rig = await ExtAuthRig.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await s_rig.DisposeAsync();

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Pairing_stores_an_extaid_record_and_the_app_keeps_the_pairing()
    {
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);

        Pairing pairing = await s_rig.PairAsync(app, "e2e phone");

        app.Pairings.Should().ContainSingle().Which.Kid.Should().Be(pairing.Kid);
        string token = await s_rig.Client.TokenAsync(s_rig.Bridge, "auth:ext:pair");
        var search = await s_rig.Bridge.PostAsync("/api/keymgmt/search", new { descr = "^RVhUQUlE" }, token);
        search.Status.Should().Be(200, search.Body);
        var record = search.Json["list"]!.AsArray().Single(key => key!["kid"]!.GetValue<string>() == pairing.Kid)!;
        record["label"]!.GetValue<string>().Should().Be("e2e phone");
        Convert.FromBase64String(record["descr"]!.GetValue<string>())
            .Should().Equal([.. "EXTAID"u8.ToArray(), .. Convert.FromBase64String(pairing.Pid)]);
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task An_approved_login_gives_a_token_that_works_for_its_scope_only()
    {
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        Pairing pairing = await s_rig.PairAsync(app, "approver");

        string eventId = await s_rig.RequestApprovalAsync("system:config");
        (await s_rig.BrokerAsync(HttpMethod.Get, $"/notify/event/check/{eventId}")).Status.Should().Be(202);
        var answers = await app.AnswerPendingAsync(s_rig.AppBroker, s_rig.Backend.Url, CancellationToken.None);
        JsonNode answer = await s_rig.PollAsync($"/notify/event/check/{eventId}");
        var redeemed = await s_rig.Bridge.PostAsync("/api/auth/ext/token", new { authreply = answer["authreply"]!.GetValue<string>() });

        answers.Should().ContainSingle().Which.Kind.Should().Be(AnswerKind.Approved);
        redeemed.Status.Should().Be(200, redeemed.Body);
        string token = redeemed.Json["token"]!.GetValue<string>();
        var claims = JsonNode.Parse(Convert.FromBase64String(Pad(token.Split('.')[1])))!;
        claims["scope"]!.GetValue<string>().Should().Be("system:config");
        claims["sub"]!.GetValue<string>().Should().Be(Convert.ToBase64String(Convert.FromHexString(pairing.Kid)));
        (await s_rig.Bridge.GetAsync("/api/system/config", token)).Status.Should().Be(200);
        (await s_rig.Bridge.GetAsync("/api/keymgmt/list", token)).Status.Should().Be(403);
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task A_denied_login_reaches_the_client_as_deny_and_the_event_leaves_the_app_list()
    {
        var app = new VirtualAuthenticator(ApprovalPolicy.DenyAll);
        Pairing pairing = await s_rig.PairAsync(app, "denier");

        string eventId = await s_rig.RequestApprovalAsync("system:config");
        var answers = await app.AnswerPendingAsync(s_rig.AppBroker, s_rig.Backend.Url, CancellationToken.None);
        JsonNode answer = await s_rig.PollAsync($"/notify/event/check/{eventId}");

        answers.Should().ContainSingle().Which.Kind.Should().Be(AnswerKind.Denied);
        answer.ToJsonString().Should().Be("""{"deny":true}""");
        var pending = await s_rig.BrokerAsync(HttpMethod.Get, $"/notify/app/events/{System.Buffers.Text.Base64Url.EncodeToString(pairing.AppId)}");
        pending.Json!.AsArray().Should().NotContain(entry => entry!["eventid"]!.GetValue<string>() == eventId);
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task An_approval_redeemed_twice_is_refused_the_second_time()
    {
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        await s_rig.PairAsync(app, "replayer");
        string eventId = await s_rig.RequestApprovalAsync("logger:get");
        await app.AnswerPendingAsync(s_rig.AppBroker, s_rig.Backend.Url, CancellationToken.None);
        string authreply = (await s_rig.PollAsync($"/notify/event/check/{eventId}"))["authreply"]!.GetValue<string>();

        var first = await s_rig.Bridge.PostAsync("/api/auth/ext/token", new { authreply });
        var second = await s_rig.Bridge.PostAsync("/api/auth/ext/token", new { authreply });

        first.Status.Should().Be(200, first.Body);
        second.Status.Should().Be(401, "a compromised broker replaying an approval gets nothing (docs §5)");
    }

    private static string Pad(string b64url)
    {
        string text = b64url.Replace('-', '+').Replace('_', '/');
        return text + new string('=', (4 - text.Length % 4) % 4);
    }
}
