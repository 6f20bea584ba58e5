using System.Net;
using HemSim.Authenticator.Broker;
using HemSim.Authenticator.Scheme;

namespace HemSim.Authenticator.Tests.Broker;

[TestClass]
public sealed class BrokerFlowTests
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan s_safety = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task PairAsync_replies_waits_for_the_finalise_and_keeps_the_pairing()
    {
        using var broker = new FakeBroker();
        using BrokerClient client = BrokerClient.Create();
        var device = new DocumentDevice();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        string link = broker.AddRegistration(device.Eid, device.PairingRequest());

        Task<Pairing> pairing = app.PairAsync(client, $"{{\"link\":\"{link}\"}}", "phone", s_poll, s_safety, CancellationToken.None);
        (string pid, string reply) = await broker.ReplyOf(link);
        (string kid, string code) = device.Validate(pid, reply);
        broker.Finalise(link, kid, code);

        Pairing paired = await pairing;
        paired.Kid.Should().Be(kid);
        paired.Broker.Should().Be(broker.BaseUrl);
        app.Pairings.Should().ContainSingle();
    }

    [TestMethod]
    public async Task PairAsync_keeps_nothing_when_the_code_differs()
    {
        using var broker = new FakeBroker();
        using BrokerClient client = BrokerClient.Create();
        var device = new DocumentDevice();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        string link = broker.AddRegistration(device.Eid, device.PairingRequest());

        Task<Pairing> pairing = app.PairAsync(client, link, "phone", s_poll, s_safety, CancellationToken.None);
        (string pid, string reply) = await broker.ReplyOf(link);
        (string kid, _) = device.Validate(pid, reply);
        broker.Finalise(link, kid, Convert.ToBase64String(new byte[32]));

        await FluentActions.Awaiting(() => pairing).Should().ThrowAsync<PairingException>().WithMessage("*code does not match*");
        app.Pairings.Should().BeEmpty();
    }

    [TestMethod]
    public async Task An_unknown_link_is_the_brokers_404()
    {
        using var broker = new FakeBroker();
        using BrokerClient client = BrokerClient.Create();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);

        (await FluentActions.Awaiting(() => app.PairAsync(client, new Uri(broker.BaseUrl, "notify/app/register/nope").ToString(), "phone", s_poll, s_safety, CancellationToken.None))
            .Should().ThrowAsync<BrokerException>()).Which.Status.Should().Be(HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task AnswerPendingAsync_answers_each_event_once_and_skips_tampered_ones()
    {
        using var broker = new FakeBroker();
        using BrokerClient client = BrokerClient.Create();
        var device = new DocumentDevice();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApprovePrefixes("system"));
        Pairing pairing = device.Pair(app);
        string approvedEvent = broker.AddEvent(pairing.AppId, device.AuthReq("system:config", [pairing.Pid]));
        string deniedEvent = broker.AddEvent(pairing.AppId, device.AuthReq("keymgmt", [pairing.Pid]));
        string foreignEvent = broker.AddEvent(pairing.AppId, new DocumentDevice().AuthReq("system", []));

        IReadOnlyList<AuthAnswer> answers = await app.AnswerPendingAsync(client, broker.BaseUrl, CancellationToken.None);

        answers.Select(answer => (answer.EventId, answer.Kind)).Should().BeEquivalentTo(
            [(approvedEvent, AnswerKind.Approved), (deniedEvent, AnswerKind.Denied), (foreignEvent, AnswerKind.Ignored)]);
        string authreply = (await broker.AnswerOf(approvedEvent))["authreply"]!.GetValue<string>();
        ExtJws.Verify(device.SharedKeyWith(pairing.Pid), authreply).Should().BeTrue();
        (await broker.AnswerOf(deniedEvent))["deny"]!.GetValue<bool>().Should().BeTrue();
        broker.AnswerOf(foreignEvent).IsCompleted.Should().BeFalse("an ignored event is not answered");
        (await app.AnswerPendingAsync(client, broker.BaseUrl, CancellationToken.None)).Should().BeEmpty("each event is handled once");
    }

    [TestMethod]
    public async Task An_answer_the_broker_did_not_take_is_sent_again_on_the_next_poll()
    {
        using var broker = new FakeBroker { FailingAnswers = 1 };
        using BrokerClient client = BrokerClient.Create();
        var device = new DocumentDevice();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll);
        Pairing pairing = device.Pair(app);
        string eventId = broker.AddEvent(pairing.AppId, device.AuthReq("system:config", [pairing.Pid]));

        Func<Task> firstPoll = () => app.AnswerPendingAsync(client, broker.BaseUrl, CancellationToken.None);
        await firstPoll.Should().ThrowAsync<BrokerException>();
        IReadOnlyList<AuthAnswer> second = await app.AnswerPendingAsync(client, broker.BaseUrl, CancellationToken.None);

        second.Should().ContainSingle(answer => answer.EventId == eventId && answer.Kind == AnswerKind.Approved);
        (await broker.AnswerOf(eventId))["authreply"].Should().NotBeNull();
    }
}
