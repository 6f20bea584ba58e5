using System.Buffers.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Backend.Tests.Notify;

/// <summary>Broker sessions and the pairing relay (docs/EXTERNAL-AUTH.md §3 and §5).</summary>
[TestClass]
public sealed class PairingRelayTests
{
    private readonly NotifyRig _rig = new();
    private readonly FakeDevice _device = new();

    private (int Status, JsonNode? Json) Init(string epk, string request, string? eid = null) =>
        _rig.Post("/notify/register/init", new { epk, eid = eid ?? _device.Eid, request, user = "Alice", email = "a@example.test", hostname = "hem.example.test" });

    /// <summary>A registration the device's request opened; returns its rid.</summary>
    private string Register()
    {
        string epk = _rig.OpenSession(_device);
        return Init(epk, _device.Request(epk)).Json!["rid"]!.GetValue<string>();
    }

    [TestMethod]
    public void Session_post_and_get_answer_a_fresh_32_byte_epk_each_time()
    {
        var posted = _rig.Post("/notify/session", new { eid = _device.Eid });
        var got = _rig.Call("GET", "/notify/session");

        posted.Status.Should().Be(200);
        got.Status.Should().Be(200);
        posted.Json!.AsObject().Select(member => member.Key).Should().Equal("epk");
        string[] keys = [posted.Json["epk"]!.GetValue<string>(), got.Json!["epk"]!.GetValue<string>()];
        keys.Select(key => Convert.FromBase64String(key).Length).Should().AllBeEquivalentTo(32);
        keys[0].Should().NotBe(keys[1]);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("[]")]
    [DataRow("{}")]
    [DataRow("""{"eid":"AAAA"}""")]
    [DataRow("""{"eid":42}""")]
    public void Session_post_without_a_32_byte_eid_is_refused_with_400(string body)
    {
        _rig.Call("POST", "/notify/session", body).Status.Should().Be(400);
    }

    [TestMethod]
    public void Register_init_with_the_device_signed_request_answers_a_rid_and_its_link()
    {
        string epk = _rig.OpenSession(_device);

        var (status, json) = Init(epk, _device.Request(epk));

        status.Should().Be(200);
        json!.AsObject().Select(member => member.Key).Should().Equal("rid", "link");
        string rid = json["rid"]!.GetValue<string>();
        Base64Url.DecodeFromChars(rid).Should().HaveCount(16);
        json["link"]!.GetValue<string>().Should().Be($"https://127.0.0.1:8444/notify/app/register/{rid}");
    }

    [TestMethod]
    public void Register_init_in_a_session_opened_by_get_takes_the_device_from_the_body()
    {
        string epk = _rig.OpenSession();

        Init(epk, _device.Request(epk)).Status.Should().Be(200);
    }

    [TestMethod]
    public void Register_init_refuses_a_request_signed_by_another_device_with_401()
    {
        string epk = _rig.OpenSession(_device);

        Init(epk, _device.Request(epk, signer: new FakeDevice())).Status.Should().Be(401);
    }

    [TestMethod]
    public void Register_init_refuses_a_request_addressed_to_another_session_with_401()
    {
        string epk = _rig.OpenSession(_device);
        string other = _rig.OpenSession(_device);

        Init(epk, _device.Request(epk, aud: other)).Status.Should().Be(401);
    }

    [TestMethod]
    public void Register_init_refuses_another_device_than_the_session_was_opened_for_with_401()
    {
        var stranger = new FakeDevice();
        string epk = _rig.OpenSession(_device);

        // A well-signed request of another device, in a session opened for this one.
        Init(epk, stranger.Request(epk), eid: stranger.Eid).Status.Should().Be(401);
    }

    [TestMethod]
    public void Register_init_refuses_a_request_whose_issuer_is_not_the_named_eid_with_401()
    {
        string epk = _rig.OpenSession();

        Init(epk, _device.Request(epk), eid: new FakeDevice().Eid).Status.Should().Be(401);
    }

    [TestMethod]
    public void Register_init_for_an_unknown_session_is_404()
    {
        string epk = new FakeDevice().Eid; // a 32-byte key no session has

        Init(epk, _device.Request(epk)).Status.Should().Be(404);
    }

    [TestMethod]
    [DataRow("""{"epk":"x","eid":"x"}""")]
    [DataRow("""not json""")]
    public void Register_init_without_the_members_is_400(string body)
    {
        _rig.Call("POST", "/notify/register/init", body).Status.Should().Be(400);
    }

    [TestMethod]
    public void Register_init_with_a_request_that_is_not_a_jws_is_400()
    {
        string epk = _rig.OpenSession(_device);

        Init(epk, "not.a-jws").Status.Should().Be(400);
    }

    [TestMethod]
    public void Pairing_relays_the_request_to_the_app_and_the_reply_and_outcome_back()
    {
        string epk = _rig.OpenSession(_device);
        string request = _device.Request(epk);
        string rid = Init(epk, request).Json!["rid"]!.GetValue<string>();

        // Before the app answers: the client waits, the app sees what it must sign for.
        _rig.Call("GET", $"/notify/register/check/{rid}").Status.Should().Be(202);
        var shown = _rig.Call("GET", $"/notify/app/register/{rid}");
        shown.Status.Should().Be(200);
        shown.Json!.AsObject().Select(member => member.Key).Should().Equal("eid", "request", "user", "email", "hostname");
        shown.Json["eid"]!.GetValue<string>().Should().Be(_device.Eid);
        shown.Json["request"]!.GetValue<string>().Should().Be(request);
        shown.Json["user"]!.GetValue<string>().Should().Be("Alice");

        // The app answers; the client gets it.
        _rig.Post($"/notify/app/register/{rid}", new { pid = "cGlk", reply = "a.b.c" }).Status.Should().Be(200);
        var checkedReply = _rig.Call("GET", $"/notify/register/check/{rid}");
        checkedReply.Status.Should().Be(200);
        checkedReply.Json!.ToJsonString().Should().Be("""{"pid":"cGlk","reply":"a.b.c"}""");

        // The client finalises; the app reads kid and code.
        var finalised = _rig.Post($"/notify/register/finalise/{rid}", new { kid = "42afc419dbda72636b37a2455955e095", code = "Y29kZQ==" });
        finalised.Status.Should().Be(200);
        finalised.Json!.ToJsonString().Should().Be("{}");
        var outcome = _rig.Call("GET", $"/notify/app/register/{rid}").Json!;
        outcome["kid"]!.GetValue<string>().Should().Be("42afc419dbda72636b37a2455955e095");
        outcome["code"]!.GetValue<string>().Should().Be("Y29kZQ==");
    }

    [TestMethod]
    public void A_second_app_answer_is_409_and_the_first_one_stands()
    {
        string rid = Register();
        _rig.Post($"/notify/app/register/{rid}", new { pid = "Zmlyc3Q=", reply = "first" });

        var second = _rig.Post($"/notify/app/register/{rid}", new { pid = "c2Vjb25k", reply = "second" });

        second.Status.Should().Be(409);
        _rig.Call("GET", $"/notify/register/check/{rid}").Json!["reply"]!.GetValue<string>().Should().Be("first");
    }

    [TestMethod]
    public void Finalise_before_the_app_answered_or_a_second_time_is_409()
    {
        string rid = Register();
        var outcome = new { kid = "00000000000000000000000000000001", code = "Y29kZQ==" };

        var early = _rig.Post($"/notify/register/finalise/{rid}", outcome);
        _rig.Post($"/notify/app/register/{rid}", new { pid = "cGlk", reply = "a.b.c" });
        var first = _rig.Post($"/notify/register/finalise/{rid}", outcome);
        var again = _rig.Post($"/notify/register/finalise/{rid}", outcome);

        early.Status.Should().Be(409);
        first.Status.Should().Be(200);
        again.Status.Should().Be(409);
    }

    [TestMethod]
    [DataRow("/notify/app/register/{0}", """{"pid":"cGlk"}""")]
    [DataRow("/notify/app/register/{0}", """{"pid":1,"reply":"a.b.c"}""")]
    [DataRow("/notify/register/finalise/{0}", """{"kid":"00"}""")]
    [DataRow("/notify/register/finalise/{0}", "[]")]
    public void Answers_without_their_string_members_are_400(string path, string body)
    {
        string rid = Register();

        _rig.Call("POST", string.Format(System.Globalization.CultureInfo.InvariantCulture, path, rid), body).Status.Should().Be(400);
    }

    [TestMethod]
    [DataRow("GET", "/notify/register/check/")]
    [DataRow("POST", "/notify/register/finalise/")]
    [DataRow("GET", "/notify/app/register/")]
    [DataRow("POST", "/notify/app/register/")]
    public void Unknown_registrations_are_404(string method, string prefix)
    {
        string rid = Register();
        string body = """{"pid":"cGlk","reply":"a.b.c","kid":"00","code":"AA=="}""";

        _rig.Call(method, prefix + "AAAAAAAAAAAAAAAAAAAAAA", body).Status.Should().Be(404);
        _rig.Call(method, prefix + rid + "/more", body).Status.Should().Be(404);
        _rig.Call(method, prefix, body).Status.Should().Be(404);
    }

    [TestMethod]
    public void Registrations_and_sessions_are_forgotten_after_an_hour()
    {
        string epk = _rig.OpenSession(_device);
        string rid = Init(epk, _device.Request(epk)).Json!["rid"]!.GetValue<string>();

        _rig.Clock.Now += TimeSpan.FromMinutes(59);
        _rig.Call("GET", $"/notify/register/check/{rid}").Status.Should().Be(202);
        _rig.Clock.Now += TimeSpan.FromMinutes(1);

        _rig.Call("GET", $"/notify/register/check/{rid}").Status.Should().Be(404);
        _rig.Call("GET", $"/notify/app/register/{rid}").Status.Should().Be(404);
        Init(epk, _device.Request(epk)).Status.Should().Be(404, "the session expired too");
    }

    [TestMethod]
    public void Session_lookups_accept_the_url_safe_alphabet_without_padding()
    {
        string epk = _rig.OpenSession(_device);
        string urlSafe = epk.TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Init(urlSafe, _device.Request(epk, aud: epk)).Status.Should().Be(200);
    }
}
