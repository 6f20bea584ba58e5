using System.Text.Json.Nodes;
using FluentAssertions;
using HemSim.Authenticator;
using HemSim.Authenticator.Scheme;
using HemSim.Firmware.Auth;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Auth.ExtRig;
using AppJws = HemSim.Authenticator.Scheme.ExtJws;
using AppScopeBlob = HemSim.Authenticator.Scheme.ScopeBlob;

namespace HemSim.Firmware.Tests.Api.Auth;

/// <summary>
/// ext/token refusals, in the order of docs/EXTERNAL-AUTH.md §4 step 7. None writes an audit line or changes anything
/// (spec §9.2: failures are deliberately not logged), and each is padded like a login.
/// </summary>
public sealed partial class ExtTokenTests
{
    /// <summary>A device with two paired apps and one outstanding request for <c>logger:get</c>.</summary>
    private sealed class Scenario : IDisposable
    {
        public Scenario(string scope = "logger:get", string? ctx = null)
        {
            Device = Provisioned();
            var token = PairToken(Device);
            Phone = Pair(Device, App, token, "phone");
            Tablet = Pair(Device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll), token, "tablet");
            var response = ctx is null
                ? RequestResponse(Device, new { epk = Epk, scope })
                : RequestResponse(Device, new { epk = Epk, scope, ctx });
            response.Status.Should().Be(200);
            Authreq = TestDevice.Json(response)["authreq"]!.GetValue<string>();
            AuthRequest.TryParse(Authreq, out var parsed).Should().BeTrue();
            Parsed = parsed;
        }

        public TestDevice Device { get; }
        public VirtualAuthenticator App { get; } = new(ApprovalPolicy.ApproveAll);
        public Pairing Phone { get; }
        public Pairing Tablet { get; }
        public string Authreq { get; }
        public AuthRequest Parsed { get; }

        public byte[] PhonePid => Convert.FromBase64String(Phone.Pid);

        /// <summary>The phone's authreply for this request, built with <paramref name="content"/>'s changes.</summary>
        public string Reply(Func<AuthReplyContent, AuthReplyContent>? edit = null, byte[]? key = null)
        {
            var content = new AuthReplyContent(Parsed.Jti, PhonePid, "logger:get", Parsed.Exp);
            content = edit?.Invoke(content) ?? content;
            var kapp = Phone.SharedKey();
            return AppMessages.BuildAuthReply(key ?? kapp, content with { ScopeBlob = content.ScopeBlob ?? AppScopeBlob.Seal(
                key ?? kapp, Convert.FromBase64String(content.Jti), content.Scope, ScopeDirection.Reply) });
        }

        public void Dispose() => Device.Dispose();
    }

    /// <summary>Redeems and checks that nothing persistent changed and the answer was padded.</summary>
    private static int RefusedStatus(TestDevice device, string? authreply)
    {
        var before = DeviceSnapshot.Take(device);
        var response = Redeem(device, authreply);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
        response.Body.Should().BeEmpty();
        response.DeliverNotBefore.Should().BeGreaterThanOrEqualTo(LoginThrottle.MinimumDelay);
        return response.Status;
    }

    [TestMethod]
    [DataRow("""{}""")]
    [DataRow("""{"authreply":5}""")]
    [DataRow("""{"authreply":"a.b"}""")]
    [DataRow("""{"authreply":"a.b.c"}""")]
    [DataRow("{\"authreply\":")]
    public void Token_answers_400_to_a_malformed_body(string body)
    {
        // Arrange
        using var s = new Scenario();
        var before = DeviceSnapshot.Take(s.Device);

        // Act
        var response = s.Device.Post(TokenPath, body, tls: false);

        // Assert
        response.Status.Should().Be(400);
        response.DeliverNotBefore.Should().BeGreaterThanOrEqualTo(LoginThrottle.MinimumDelay);
        DeviceSnapshot.Take(s.Device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow("jti")]
    [DataRow("pid")]
    [DataRow("iss")]
    [DataRow("scope")]
    [DataRow("exp")]
    public void Token_answers_400_when_a_claim_is_missing_or_of_the_wrong_type(string claim)
    {
        // Arrange
        using var s = new Scenario();
        AppJws.TryParse(s.Reply(), out var parts).Should().BeTrue();
        var missing = parts.Claims.DeepClone().AsObject();
        missing.Remove(claim);
        var wrongType = parts.Claims.DeepClone().AsObject();
        wrongType[claim] = claim == "exp" ? "soon" : JsonValue.Create(5);

        // Act + Assert
        RefusedStatus(s.Device, AppJws.Sign(s.Phone.SharedKey(), missing)).Should().Be(400);
        RefusedStatus(s.Device, AppJws.Sign(s.Phone.SharedKey(), wrongType)).Should().Be(400);
    }

    [TestMethod]
    public void Token_answers_403_while_the_rtc_is_unset()
    {
        // Arrange
        using var s = new Scenario();
        var authreply = s.Reply();
        s.Device.Clock.Unset();

        // Act + Assert
        RefusedStatus(s.Device, authreply).Should().Be(403);
    }

    [TestMethod]
    public void Token_answers_409_while_a_fault_is_latched()
    {
        // Arrange
        using var s = new Scenario();
        var authreply = s.Reply();
        s.Device.Core.LatchFault(0x08);

        // Act
        var response = Redeem(s.Device, authreply);

        // Assert
        response.Status.Should().Be(409);
    }

    [TestMethod]
    [DataRow("""{"ecdh":"x25519","typ":"JWT","alg":"HS384"}""")]
    [DataRow("""{"ecdh":"p256","typ":"JWT","alg":"HS256"}""")]
    public void Token_answers_406_for_an_unsupported_scheme(string header)
    {
        // Arrange
        using var s = new Scenario();
        AppJws.TryParse(s.Reply(), out var parts).Should().BeTrue();

        // Act + Assert
        RefusedStatus(s.Device, AppJws.Sign(s.Phone.SharedKey(), parts.Claims, header)).Should().Be(406);
    }

    [TestMethod]
    public void Token_answers_406_for_an_unknown_pairing()
    {
        // Arrange: a pid no EXTAID record holds, with a consistent iss.
        using var s = new Scenario();
        var stranger = new byte[16];
        stranger[0] = 0x5a;

        // Act + Assert
        RefusedStatus(s.Device, s.Reply(c => c with { Pid = stranger })).Should().Be(406);
    }

    [TestMethod]
    public void Token_answers_406_when_iss_is_not_the_appid_of_pid()
    {
        // Arrange
        using var s = new Scenario();

        // Act + Assert
        RefusedStatus(s.Device, s.Reply(c => c with { Iss = s.Tablet.AppIdB64 })).Should().Be(406);
    }

    [TestMethod]
    public void Token_answers_401_to_an_approval_signed_by_another_pairing()
    {
        // Arrange: the tablet signs an approval that claims to come from the phone.
        using var s = new Scenario();

        // Act + Assert
        RefusedStatus(s.Device, s.Reply(key: s.Tablet.SharedKey())).Should().Be(401);
    }

    [TestMethod]
    public void Token_answers_401_for_an_unknown_jti()
    {
        // Arrange
        using var s = new Scenario();
        var jti = Convert.ToBase64String(new byte[32]);

        // Act + Assert
        RefusedStatus(s.Device, s.Reply(c => c with { Jti = jti })).Should().Be(401);
    }

    [TestMethod]
    public void Token_answers_401_to_a_replayed_approval()
    {
        // Arrange
        using var s = new Scenario();
        var authreply = s.Reply();
        Redeem(s.Device, authreply).Status.Should().Be(200);

        // Act + Assert
        RefusedStatus(s.Device, authreply).Should().Be(401);
    }

    [TestMethod]
    public void Token_answers_401_once_the_approval_has_expired()
    {
        // Arrange
        using var s = new Scenario();
        var authreply = s.Reply(c => c with { Exp = s.Device.Now + 10 });
        s.Device.Clock.Advance(TimeSpan.FromSeconds(10));

        // Act + Assert
        RefusedStatus(s.Device, authreply).Should().Be(401);
    }

    [TestMethod]
    public void Token_answers_401_once_the_request_has_expired()
    {
        // Arrange: the app approves for longer than the request lives.
        using var s = new Scenario();
        var authreply = s.Reply(c => c with { Exp = s.Device.Now + 7200 });
        s.Device.Clock.Advance(TimeSpan.FromSeconds(3600));

        // Act + Assert
        RefusedStatus(s.Device, authreply).Should().Be(401);
    }

    [TestMethod]
    public void Token_answers_401_to_an_app_the_request_was_not_sent_to()
    {
        // Arrange: nine apps paired, the request goes to the first eight; the ninth answers anyway.
        using var device = Provisioned();
        var token = PairToken(device);
        var pairings = Enumerable.Range(0, 9).Select(i => Pair(device, new VirtualAuthenticator(ApprovalPolicy.ApproveAll), token, "app" + i)).ToList();
        AuthRequest.TryParse(Request(device, "logger:get"), out var request).Should().BeTrue();
        var ninth = pairings[8];
        var authreply = AppMessages.BuildAuthReply(
            ninth.SharedKey(), new AuthReplyContent(request.Jti, Convert.FromBase64String(ninth.Pid), "logger:get", request.Exp));

        // Act + Assert
        RefusedStatus(device, authreply).Should().Be(401);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(20)]
    [DataRow(47)]
    public void Token_answers_406_to_a_tampered_scope_blob_and_keeps_the_request(int index)
    {
        // Arrange: a flipped bit in the iv, the ciphertext or the MAC.
        using var s = new Scenario();
        var blob = AppScopeBlob.Seal(s.Phone.SharedKey(), Convert.FromBase64String(s.Parsed.Jti), "logger:get", ScopeDirection.Reply);
        blob[index] ^= 1;

        // Act
        var status = RefusedStatus(s.Device, s.Reply(c => c with { ScopeBlob = blob }));

        // Assert: a refusal consumes nothing; the genuine approval still redeems.
        status.Should().Be(406);
        Redeem(s.Device, s.Reply()).Status.Should().Be(200);
    }

    [TestMethod]
    public void Token_answers_406_to_a_blob_sealed_for_the_request_direction()
    {
        // Arrange: the device's own request blob reflected back as the approval.
        using var s = new Scenario();
        var requestBlob = Convert.FromBase64String(s.Parsed.Scopes[s.Phone.AppIdB64]);

        // Act + Assert
        RefusedStatus(s.Device, s.Reply(c => c with { ScopeBlob = requestBlob })).Should().Be(406);
    }

    [TestMethod]
    [DataRow("logger")]
    [DataRow("system:config")]
    [DataRow("")]
    [DataRow("logger:getx")]
    [DataRow("logger:get:more")]
    public void Token_answers_401_when_the_approved_scope_is_not_the_requested_one(string approved)
    {
        // Arrange: scopes are prefixes (spec §5.4), so a longer scope passes more checks, not fewer; the app may only
        // approve or deny, never change the scope.
        using var s = new Scenario();

        // Act + Assert
        RefusedStatus(s.Device, s.Reply(c => c with { Scope = approved })).Should().Be(401);
    }

    [TestMethod]
    public void Token_answers_406_when_the_approved_scope_is_longer_than_a_token_scope()
    {
        // Arrange: ext/request takes scopes up to 1023 characters; a token scope is at most 127 (spec §5.4).
        var scope = "logger:get" + new string('x', 118);
        using var s = new Scenario(scope);

        // Act + Assert
        RefusedStatus(s.Device, s.Reply(c => c with { Scope = scope })).Should().Be(406);
    }

    [TestMethod]
    [DataRow("web", "other")]
    [DataRow(null, "web")]
    public void Token_answers_401_when_the_ctx_is_not_the_request_ctx(string? requested, string? approved)
    {
        // Arrange
        using var s = new Scenario(ctx: requested);

        // Act + Assert
        RefusedStatus(s.Device, s.Reply(c => c with { Ctx = approved })).Should().Be(401);
    }

    [TestMethod]
    public void Token_takes_the_request_ctx_when_the_approval_leaves_it_out()
    {
        // Arrange: ctx is optional in an authreply (spec §9.2); the jti binds the approval to the request anyway.
        using var s = new Scenario(ctx: "web");

        // Act
        var response = Redeem(s.Device, s.Reply(c => c with { Ctx = null }));

        // Assert
        response.Status.Should().Be(200);
        JwtText.Payload(TestDevice.Json(response)["token"]!.GetValue<string>())["ctx"]!.GetValue<string>().Should().Be("web");
    }

    [TestMethod]
    public void Token_approvals_are_forgotten_on_reboot()
    {
        // Arrange: the clock keeps its time over the reboot, the pairing stays in flash.
        using var s = new Scenario();
        var authreply = s.Reply();
        s.Device.Core.Reboot();

        // Act + Assert
        RefusedStatus(s.Device, authreply).Should().Be(401);
    }

    [TestMethod]
    public void Token_refusals_count_as_login_failures()
    {
        // Arrange: one brute-force counter (spec §5.6) for both ways to authenticate.
        using var s = new Scenario();
        var bad = s.Reply(key: s.Tablet.SharedKey());

        // Act
        for (var i = 0; i < 3; i++)
        {
            Redeem(s.Device, bad).Status.Should().Be(401);
            s.Device.Clock.Advance(TimeSpan.FromSeconds(2)); // past the spacing of the previous answer
        }
        var response = Redeem(s.Device, s.Reply());

        // Assert
        response.Status.Should().Be(200);
        response.DeliverNotBefore.Should().BeGreaterThanOrEqualTo(LoginThrottle.PenaltyDelay);
    }
}
