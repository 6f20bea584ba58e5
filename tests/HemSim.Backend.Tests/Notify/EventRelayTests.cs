using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Backend.Tests.Notify;

/// <summary>The remote-login relay (docs/EXTERNAL-AUTH.md §4 and §5).</summary>
[TestClass]
public sealed class EventRelayTests
{
    private readonly NotifyRig _rig = new();
    private readonly FakeDevice _device = new();
    private readonly byte[] _appId = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _otherAppId = RandomNumberGenerator.GetBytes(32);

    private static string PathOf(byte[] appId) => $"/notify/app/events/{Base64Url.EncodeToString(appId)}";

    private (int Status, JsonNode? Json) New(string epk, string authreq) => _rig.Post("/notify/event/new", new { authreq, epk, exp = 1 });

    /// <summary>An event for <see cref="_appId"/>; returns its id and the authreq.</summary>
    private (string EventId, string Authreq) Post()
    {
        string epk = _rig.OpenSession();
        string authreq = _device.AuthReq(epk, [_appId]);
        return (New(epk, authreq).Json!["eventid"]!.GetValue<string>(), authreq);
    }

    [TestMethod]
    public void Event_new_with_a_device_signed_authreq_answers_an_eventid_the_app_then_sees()
    {
        string epk = _rig.OpenSession();
        string authreq = _device.AuthReq(epk, [_appId, _otherAppId]);

        var (status, json) = New(epk, authreq);

        status.Should().Be(200);
        json!.AsObject().Select(member => member.Key).Should().Equal("eventid");
        string eventId = json["eventid"]!.GetValue<string>();
        Base64Url.DecodeFromChars(eventId).Should().HaveCount(16);
        foreach (byte[] appId in new[] { _appId, _otherAppId })
        {
            var pending = _rig.Call("GET", PathOf(appId));
            pending.Status.Should().Be(200);
            pending.Json!.ToJsonString().Should().Be(new JsonArray(new JsonObject { ["eventid"] = eventId, ["authreq"] = authreq }).ToJsonString());
        }
        _rig.Call("GET", $"/notify/event/check/{eventId}").Status.Should().Be(202);
    }

    [TestMethod]
    public void The_app_poll_of_an_app_no_event_names_is_an_empty_array()
    {
        Post();

        var pending = _rig.Call("GET", PathOf(_otherAppId));

        pending.Status.Should().Be(200);
        pending.Json!.ToJsonString().Should().Be("[]");
    }

    [TestMethod]
    public void An_approval_reaches_the_client_and_leaves_the_app_list()
    {
        var (eventId, _) = Post();

        var answered = _rig.Post($"/notify/app/events/{eventId}", new { authreply = "x.y.z" });

        answered.Status.Should().Be(200);
        var check = _rig.Call("GET", $"/notify/event/check/{eventId}");
        check.Status.Should().Be(200);
        check.Json!.ToJsonString().Should().Be("""{"authreply":"x.y.z"}""");
        _rig.Call("GET", PathOf(_appId)).Json!.ToJsonString().Should().Be("[]");
    }

    [TestMethod]
    public void A_denial_reaches_the_client_as_deny_true()
    {
        var (eventId, _) = Post();

        _rig.Post($"/notify/app/events/{eventId}", new { deny = true }).Status.Should().Be(200);

        var check = _rig.Call("GET", $"/notify/event/check/{eventId}");
        check.Status.Should().Be(200);
        check.Json!.ToJsonString().Should().Be("""{"deny":true}""");
    }

    [TestMethod]
    public void A_second_answer_is_409_and_the_first_one_stands()
    {
        var (eventId, _) = Post();
        _rig.Post($"/notify/app/events/{eventId}", new { deny = true });

        var second = _rig.Post($"/notify/app/events/{eventId}", new { authreply = "x.y.z" });

        second.Status.Should().Be(409);
        _rig.Call("GET", $"/notify/event/check/{eventId}").Json!["deny"]!.GetValue<bool>().Should().BeTrue();
    }

    [TestMethod]
    [DataRow("""{"deny":false}""")]
    [DataRow("""{"authreply":7}""")]
    [DataRow("""{}""")]
    [DataRow("""nope""")]
    public void An_answer_that_is_neither_an_authreply_nor_a_denial_is_400(string body)
    {
        var (eventId, _) = Post();

        _rig.Call("POST", $"/notify/app/events/{eventId}", body).Status.Should().Be(400);
        _rig.Call("GET", $"/notify/event/check/{eventId}").Status.Should().Be(202);
    }

    [TestMethod]
    public void A_withdrawn_event_is_gone_for_everybody()
    {
        var (eventId, _) = Post();

        var deleted = _rig.Call("DELETE", $"/notify/event/{eventId}");

        deleted.Status.Should().Be(200);
        _rig.Call("GET", $"/notify/event/check/{eventId}").Status.Should().Be(404);
        _rig.Post($"/notify/app/events/{eventId}", new { deny = true }).Status.Should().Be(404);
        _rig.Call("GET", PathOf(_appId)).Json!.ToJsonString().Should().Be("[]");
        _rig.Call("DELETE", $"/notify/event/{eventId}").Status.Should().Be(404);
    }

    [TestMethod]
    public void Event_new_refuses_an_authreq_signed_by_another_device_with_401()
    {
        string epk = _rig.OpenSession();

        New(epk, _device.AuthReq(epk, [_appId], signer: new FakeDevice())).Status.Should().Be(401);
    }

    [TestMethod]
    public void Event_new_refuses_an_authreq_addressed_to_another_session_with_401()
    {
        string epk = _rig.OpenSession();
        string other = _rig.OpenSession();

        New(epk, _device.AuthReq(epk, [_appId], aud: other)).Status.Should().Be(401);
    }

    [TestMethod]
    public void Event_new_in_a_session_opened_for_another_device_is_401()
    {
        string epk = _rig.OpenSession(new FakeDevice());

        New(epk, _device.AuthReq(epk, [_appId])).Status.Should().Be(401);
    }

    [TestMethod]
    public void Event_new_for_an_unknown_session_is_404()
    {
        string epk = new FakeDevice().Eid;

        New(epk, _device.AuthReq(epk, [_appId])).Status.Should().Be(404);
    }

    [TestMethod]
    public void Event_new_whose_scope_is_not_an_object_of_app_ids_is_400()
    {
        string epk = _rig.OpenSession();

        New(epk, _device.AuthReq(epk, [], scope: "system:config")).Status.Should().Be(400);
        New(epk, _device.AuthReq(epk, [], scope: new JsonObject())).Status.Should().Be(400);
        New(epk, _device.AuthReq(epk, [], scope: new JsonObject { ["AAAA"] = "AAAA" })).Status.Should().Be(400);
    }

    [TestMethod]
    [DataRow("""{"epk":"AAAA"}""")]
    [DataRow("""{"authreq":"a.b"}""")]
    [DataRow("""[]""")]
    public void Event_new_without_an_authreq_jws_is_400(string body)
    {
        string epk = _rig.OpenSession();
        string json = JsonNode.Parse(body) is JsonObject members ? AddEpk(members, epk) : body;

        _rig.Call("POST", "/notify/event/new", json).Status.Should().Be(400);
    }

    [TestMethod]
    public void The_app_poll_with_an_app_id_that_is_not_32_bytes_is_400()
    {
        _rig.Call("GET", "/notify/app/events/AAAA").Status.Should().Be(400);
    }

    [TestMethod]
    [DataRow("GET", "/notify/event/check/")]
    [DataRow("POST", "/notify/app/events/")]
    [DataRow("DELETE", "/notify/event/")]
    public void Unknown_events_are_404(string method, string prefix)
    {
        Post();

        _rig.Call(method, prefix + "AAAAAAAAAAAAAAAAAAAAAA", """{"deny":true}""").Status.Should().Be(404);
        _rig.Call(method, prefix + "a/b", """{"deny":true}""").Status.Should().Be(404);
    }

    [TestMethod]
    public void Events_are_forgotten_after_an_hour()
    {
        var (eventId, _) = Post();

        _rig.Clock.Now += TimeSpan.FromHours(1);

        _rig.Call("GET", $"/notify/event/check/{eventId}").Status.Should().Be(404);
        _rig.Call("GET", PathOf(_appId)).Json!.ToJsonString().Should().Be("[]");
        _rig.Post($"/notify/app/events/{eventId}", new { deny = true }).Status.Should().Be(404);
    }

    private static string AddEpk(JsonObject members, string epk)
    {
        members["epk"] = epk;
        return members.ToJsonString();
    }
}
