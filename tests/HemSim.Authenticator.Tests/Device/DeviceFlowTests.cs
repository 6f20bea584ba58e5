using System.Text.Json.Nodes;
using HemSim.Authenticator.Scheme;

namespace HemSim.Authenticator.Tests.Device;

/// <summary>
/// The authenticator against the real firmware (docs/EXTERNAL-AUTH.md §3 and §4), in-process with strings only:
/// the broker's part is played by passing the device's answers straight to the app.
/// </summary>
[TestClass]
public sealed class DeviceFlowTests
{
    [TestMethod]
    public async Task Pairing_then_an_approval_gives_a_token_that_works()
    {
        using var device = new DeviceSession();
        await device.ProvisionAsync();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        Pairing pairing = await PairAsync(device, app);

        string authreq = await RequestAsync(device, "system:config");
        AuthAnswer answer = app.Answer(authreq);
        var redeemed = await device.SendAsync("POST", "/api/auth/ext/token", new JsonObject { ["authreply"] = answer.Authreply });

        answer.Kind.Should().Be(AnswerKind.Approved);
        redeemed.Status.Should().Be(200);
        string token = redeemed.Json["token"]!.GetValue<string>();
        (await device.SendAsync("GET", "/api/system/config", token: token)).Status.Should().Be(200);
        pairing.Kid.Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [TestMethod]
    public async Task The_device_takes_a_narrower_scope_refuses_a_wider_one_and_a_tampered_blob()
    {
        using var device = new DeviceSession();
        await device.ProvisionAsync();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        Pairing pairing = await PairAsync(device, app);

        string narrow = app.Answer(await RequestAsync(device, "system"), Decision.ApproveScope("system:config")).Authreply!;
        string wide = app.Answer(await RequestAsync(device, "system:config"), Decision.ApproveScope("system")).Authreply!;
        string tampered = TamperedBlob(app, pairing, await RequestAsync(device, "system:config"));

        (await RedeemAsync(device, narrow)).Should().Be(200);
        (await RedeemAsync(device, wide)).Should().Be(401);
        (await RedeemAsync(device, tampered)).Should().Be(406);
        (await RedeemAsync(device, narrow)).Should().Be(401, "an approval is redeemed once");
    }

    [TestMethod]
    public async Task A_keymgmt_use_request_shows_the_key_and_the_approval_omits_the_description()
    {
        using var device = new DeviceSession();
        await device.ProvisionAsync();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        await PairAsync(device, app);
        string keyToken = await device.LoginAsync("keymgmt:gen");
        var created = await device.SendAsync("POST", "/api/keymgmt/create", new JsonObject { ["label"] = "signer", ["type"] = "ED25519" }, keyToken, tls: true);
        created.Status.Should().Be(200);
        string kid = created.Json["kid"]!.GetValue<string>();
        ApprovalPrompt? shown = null;
        app.Policy = ApprovalPolicy.Ask(prompt =>
        {
            shown = prompt;
            return Decision.Approve();
        });

        AuthAnswer answer = app.Answer(await RequestAsync(device, "keymgmt:use:" + kid));

        shown!.RequestedScope.Should().Be("keymgmt:use:" + kid);
        shown.KeyLabel.Should().Be("signer");
        shown.KeyType.Should().NotBeNullOrEmpty();
        (await RedeemAsync(device, answer.Authreply!)).Should().Be(200);
    }

    private static async Task<Pairing> PairAsync(DeviceSession device, VirtualAuthenticator app)
    {
        string token = await device.LoginAsync("auth:ext:pair");
        var init = await device.SendAsync("POST", "/api/auth/ext/init", new JsonObject { ["epk"] = device.Epk }, token);
        init.Status.Should().Be(200);
        PendingPairing pending = app.BeginPairing(init.Json["eid"]!.GetValue<string>(), init.Json["request"]!.GetValue<string>(), "phone");
        var validated = await device.SendAsync("POST", "/api/auth/ext/validate", new JsonObject { ["pid"] = pending.Pid, ["reply"] = pending.Reply }, token);
        validated.Status.Should().Be(200);
        return app.CompletePairing(pending, validated.Json["kid"]!.GetValue<string>(), validated.Json["code"]!.GetValue<string>())
            ?? throw new AssertFailedException("The app computed another pairing code than the device.");
    }

    private static async Task<string> RequestAsync(DeviceSession device, string scope)
    {
        var reply = await device.SendAsync("POST", "/api/auth/ext/request", new JsonObject { ["epk"] = device.Epk, ["scope"] = scope });
        reply.Status.Should().Be(200);
        return reply.Json["authreq"]!.GetValue<string>();
    }

    private static async Task<int> RedeemAsync(DeviceSession device, string authreply) =>
        (await device.SendAsync("POST", "/api/auth/ext/token", new JsonObject { ["authreply"] = authreply })).Status;

    private static string TamperedBlob(VirtualAuthenticator app, Pairing pairing, string authreq)
    {
        AuthRequest.TryParse(authreq, out AuthRequest request).Should().BeTrue();
        byte[] blob = ScopeBlob.Seal(pairing.SharedKey(), Convert.FromBase64String(request.Jti), "system:config", ScopeDirection.Reply);
        blob[20] ^= 1;
        app.Pairings.Should().Contain(pairing);
        return AppMessages.BuildAuthReply(pairing.SharedKey(),
            new AuthReplyContent(request.Jti, Convert.FromBase64String(pairing.Pid), "system:config", request.Exp) { ScopeBlob = blob });
    }
}
