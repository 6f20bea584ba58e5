using System.Security.Cryptography;
using HemSim.Authenticator.Scheme;

namespace HemSim.Authenticator.Tests;

[TestClass]
public sealed class VirtualAuthenticatorPairingTests
{
    private readonly DocumentDevice _device = new();
    private readonly VirtualAuthenticator _app = new(ApprovalPolicy.ApproveAll);

    [TestMethod]
    public void The_reply_answers_the_request_with_a_new_pid_and_app_key()
    {
        string request = _device.PairingRequest();
        ExtJws.TryParse(request, out ExtJwsParts requestParts).Should().BeTrue();

        PendingPairing pending = _app.BeginPairing(_device.Eid, request, "phone");

        Convert.FromBase64String(pending.Pid).Should().HaveCount(16);
        ExtJws.TryParse(pending.Reply, out ExtJwsParts reply).Should().BeTrue();
        reply.Claims["jti"]!.GetValue<string>().Should().Be(requestParts.Claims["jti"]!.GetValue<string>());
        reply.Claims["iss"]!.GetValue<string>().Should().Be(Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(pending.Pid))));
        reply.Claims["label"]!.GetValue<string>().Should().Be("phone");
        ExtJws.Verify(pending.SharedKey(), pending.Reply).Should().BeTrue();
        _app.Pairings.Should().BeEmpty("nothing is kept before the code is confirmed");
    }

    [TestMethod]
    public void Every_attempt_has_its_own_pid_and_key()
    {
        PendingPairing first = _app.BeginPairing(_device.Eid, _device.PairingRequest(), "phone");
        PendingPairing second = _app.BeginPairing(_device.Eid, _device.PairingRequest(), "phone");

        second.Pid.Should().NotBe(first.Pid);
        second.SharedKey().Should().NotEqual(first.SharedKey());
    }

    [TestMethod]
    public void The_pairing_is_kept_when_the_code_matches()
    {
        PendingPairing pending = _app.BeginPairing(_device.Eid, _device.PairingRequest(), "phone");
        (string kid, string code) = _device.Validate(pending.Pid, pending.Reply);

        Pairing? pairing = _app.CompletePairing(pending, kid, code);

        pairing.Should().NotBeNull();
        pairing!.Kid.Should().Be(kid);
        pairing.Eid.Should().Be(_device.Eid);
        pairing.SharedKey().Should().Equal(_device.SharedKeyWith(pending.Pid));
        _app.Pairings.Should().ContainSingle().Which.Should().BeSameAs(pairing);
    }

    [TestMethod]
    public void A_wrong_code_keeps_nothing()
    {
        PendingPairing pending = _app.BeginPairing(_device.Eid, _device.PairingRequest(), "phone");
        (string kid, string code) = _device.Validate(pending.Pid, pending.Reply);
        byte[] wrong = Convert.FromBase64String(code);
        wrong[0] ^= 1;

        _app.CompletePairing(pending, kid, Convert.ToBase64String(wrong)).Should().BeNull();
        _app.Pairings.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("an app name that is far too long")]
    [DataRow("tab\there")]
    [DataRow("café")]
    public void A_label_outside_the_rules_is_refused(string label)
    {
        FluentActions.Invoking(() => _app.BeginPairing(_device.Eid, _device.PairingRequest(), label)).Should().Throw<PairingException>();
    }

    [TestMethod]
    public void A_request_from_another_device_or_of_another_scheme_is_refused()
    {
        string otherIss = _device.PairingRequest(iss: new DocumentDevice().Eid);

        FluentActions.Invoking(() => _app.BeginPairing(_device.Eid, otherIss, "phone")).Should().Throw<PairingException>();
        FluentActions.Invoking(() => _app.BeginPairing(_device.Eid, "not.a.jwt", "phone")).Should().Throw<PairingException>();
        FluentActions.Invoking(() => _app.BeginPairing("AAAA", _device.PairingRequest(), "phone")).Should().Throw<PairingException>();
    }

    [TestMethod]
    public void Forget_drops_a_pairing()
    {
        Pairing pairing = _device.Pair(_app);

        _app.Forget(pairing.Pid).Should().BeTrue();
        _app.Forget(pairing.Pid).Should().BeFalse();
        _app.Pairings.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow("https://broker.example/notify/app/register/abc", "https://broker.example/notify/app/register/abc")]
    [DataRow("{\"link\":\"http://127.0.0.1:9/notify/app/register/x\",\"hash\":\"not_implemented_yet\"}", "http://127.0.0.1:9/notify/app/register/x")]
    public void ParseLink_takes_a_link_or_the_QR_payload(string text, string expected)
    {
        VirtualAuthenticator.ParseLink(text).Should().Be(new Uri(expected));
    }

    [TestMethod]
    [DataRow("ftp://x/y")]
    [DataRow("relative/link")]
    [DataRow("{\"hash\":\"x\"}")]
    [DataRow("{not json")]
    public void ParseLink_refuses_anything_else(string text)
    {
        FluentActions.Invoking(() => VirtualAuthenticator.ParseLink(text)).Should().Throw<PairingException>();
    }
}
