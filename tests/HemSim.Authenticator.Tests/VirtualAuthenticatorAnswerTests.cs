using System.Text;
using HemSim.Authenticator.Scheme;

namespace HemSim.Authenticator.Tests;

[TestClass]
public sealed class VirtualAuthenticatorAnswerTests
{
    private readonly DocumentDevice _device = new();
    private readonly VirtualAuthenticator _app = new(ApprovalPolicy.ApproveAll);

    [TestMethod]
    public void Approving_signs_the_requested_scope_until_the_requests_exp_and_echoes_ctx()
    {
        Pairing pairing = _device.Pair(_app);
        string authreq = _device.AuthReq("system:config", [pairing.Pid], ctx: "web", exp: 1_800_001_000);

        AuthAnswer answer = _app.Answer(authreq);

        answer.Kind.Should().Be(AnswerKind.Approved);
        answer.RequestedScope.Should().Be("system:config");
        ApprovedScope(answer, authreq, pairing).Should().Be("system:config");
        ExtJws.Verify(_device.SharedKeyWith(pairing.Pid), answer.Authreply!).Should().BeTrue();
        ExtJws.TryParse(answer.Authreply!, out ExtJwsParts parts).Should().BeTrue();
        AuthRequest.TryParse(authreq, out AuthRequest request).Should().BeTrue();
        parts.Claims["jti"]!.GetValue<string>().Should().Be(request.Jti);
        parts.Claims["pid"]!.GetValue<string>().Should().Be(pairing.Pid);
        parts.Claims["iss"]!.GetValue<string>().Should().Be(pairing.AppIdB64);
        parts.Claims["exp"]!.GetValue<long>().Should().Be(1_800_001_000);
        parts.Claims["ctx"]!.GetValue<string>().Should().Be("web");
        answer.BrokerBody().ToJsonString().Should().Be($"{{\"authreply\":\"{answer.Authreply}\"}}");
    }

    [TestMethod]
    public void An_explicit_decision_can_set_an_earlier_expiry()
    {
        Pairing pairing = _device.Pair(_app);
        string authreq = _device.AuthReq("keymgmt", [pairing.Pid]);

        AuthAnswer answer = _app.Answer(authreq, Decision.Approve(exp: 1_800_000_100));

        ApprovedScope(answer, authreq, pairing).Should().Be("keymgmt");
        ExtJws.TryParse(answer.Authreply!, out ExtJwsParts parts).Should().BeTrue();
        parts.Claims["exp"]!.GetValue<long>().Should().Be(1_800_000_100);
    }

    [TestMethod]
    public void A_test_decision_can_sign_another_scope_than_requested()
    {
        // The device refuses it (docs §4 step 7); the firmware tests use this to prove that.
        Pairing pairing = _device.Pair(_app);
        string authreq = _device.AuthReq("keymgmt", [pairing.Pid]);

        AuthAnswer answer = _app.Answer(authreq, Decision.ApproveScope("keymgmt:use:00112233"));

        answer.ApprovedScope.Should().Be("keymgmt:use:00112233");
        ApprovedScope(answer, authreq, pairing).Should().Be("keymgmt:use:00112233");
    }

    [TestMethod]
    public void Denying_answers_deny_true()
    {
        Pairing pairing = _device.Pair(_app);

        AuthAnswer answer = _app.Answer(_device.AuthReq("system:config", [pairing.Pid]), Decision.Deny());

        answer.Kind.Should().Be(AnswerKind.Denied);
        answer.Authreply.Should().BeNull();
        answer.BrokerBody().ToJsonString().Should().Be("{\"deny\":true}");
    }

    [TestMethod]
    public void A_blob_whose_MAC_fails_is_ignored_even_when_approving_all()
    {
        Pairing pairing = _device.Pair(_app);
        string authreq = _device.AuthReq("system:config", [pairing.Pid]);
        ExtJws.TryParse(authreq, out ExtJwsParts parts).Should().BeTrue();
        byte[] blob = Convert.FromBase64String(parts.Claims["scope"]![pairing.AppIdB64]!.GetValue<string>());
        blob[^1] ^= 1;
        parts.Claims["scope"]![pairing.AppIdB64] = Convert.ToBase64String(blob);
        string tampered = ExtJws.Sign(new byte[32], parts.Claims.DeepClone().AsObject());

        AuthAnswer answer = _app.Answer(tampered);

        answer.Kind.Should().Be(AnswerKind.Ignored);
        answer.Reason.Should().Contain("MAC");
        FluentActions.Invoking(() => answer.BrokerBody()).Should().Throw<InvalidOperationException>();
    }

    [TestMethod]
    public void An_authreq_for_other_apps_or_malformed_is_ignored()
    {
        _device.Pair(_app);
        var stranger = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        Pairing other = _device.Pair(stranger);

        _app.Answer(_device.AuthReq("system:config", [other.Pid])).Kind.Should().Be(AnswerKind.Ignored);
        _app.Answer("garbage").Kind.Should().Be(AnswerKind.Ignored);
    }

    [TestMethod]
    public void The_key_description_of_a_keymgmt_use_request_is_shown_and_not_approved()
    {
        Pairing pairing = _device.Pair(_app);
        string description = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"t\":\"ED25519\",\"l\":\"signing key\"}"));
        string authreq = _device.AuthReq("keymgmt:use:00112233#" + description, [pairing.Pid]);
        ApprovalPrompt? seen = null;
        _app.Policy = ApprovalPolicy.Ask(prompt =>
        {
            seen = prompt;
            return Decision.Approve();
        });

        AuthAnswer answer = _app.Answer(authreq);

        seen.Should().NotBeNull();
        seen!.RequestedScope.Should().Be("keymgmt:use:00112233");
        seen.KeyType.Should().Be("ED25519");
        seen.KeyLabel.Should().Be("signing key");
        seen.Pairing.Should().BeSameAs(pairing);
        ApprovedScope(answer, authreq, pairing).Should().Be("keymgmt:use:00112233");
    }

    [TestMethod]
    public void A_hash_in_another_scope_is_part_of_the_scope()
    {
        // The device adds a #… key description only to keymgmt:use:<kid> scopes (docs §4 step 3).
        Pairing pairing = _device.Pair(_app);
        string authreq = _device.AuthReq("logger#x", [pairing.Pid]);

        AuthAnswer answer = _app.Answer(authreq);

        answer.RequestedScope.Should().Be("logger#x");
        ApprovedScope(answer, authreq, pairing).Should().Be("logger#x");
    }

    [TestMethod]
    [DataRow("system:config", AnswerKind.Approved)]
    [DataRow("keymgmt:use:0011", AnswerKind.Approved)]
    [DataRow("keymgmt", AnswerKind.Denied)]
    [DataRow("logger:list", AnswerKind.Denied)]
    public void ApprovePrefixes_approves_only_scopes_under_a_prefix(string scope, AnswerKind expected)
    {
        Pairing pairing = _device.Pair(_app);
        _app.Policy = ApprovalPolicy.ApprovePrefixes("system", "keymgmt:use");

        _app.Answer(_device.AuthReq(scope, [pairing.Pid])).Kind.Should().Be(expected);
    }

    [TestMethod]
    public void DenyAll_denies()
    {
        Pairing pairing = _device.Pair(_app);
        _app.Policy = ApprovalPolicy.DenyAll;

        _app.Answer(_device.AuthReq("system:config", [pairing.Pid])).Kind.Should().Be(AnswerKind.Denied);
    }

    [TestMethod]
    public void With_two_pairings_the_one_named_in_the_scope_object_answers()
    {
        Pairing first = _device.Pair(_app, "first");
        Pairing second = _device.Pair(_app, "second");

        AuthAnswer answer = _app.Answer(_device.AuthReq("system", [second.Pid]));

        answer.Pairing.Should().BeSameAs(second);
        ExtJws.Verify(_device.SharedKeyWith(second.Pid), answer.Authreply!).Should().BeTrue();
        ExtJws.Verify(_device.SharedKeyWith(first.Pid), answer.Authreply!).Should().BeFalse();
    }

    private static string ApprovedScope(AuthAnswer answer, string authreq, Pairing pairing)
    {
        AuthRequest.TryParse(authreq, out AuthRequest request).Should().BeTrue();
        ExtJws.TryParse(answer.Authreply!, out ExtJwsParts parts).Should().BeTrue();
        byte[] blob = Convert.FromBase64String(parts.Claims["scope"]!.GetValue<string>());
        ScopeBlob.TryOpen(pairing.SharedKey(), Convert.FromBase64String(request.Jti), blob, ScopeDirection.Reply, out string scope)
            .Should().BeTrue();
        return scope;
    }
}
