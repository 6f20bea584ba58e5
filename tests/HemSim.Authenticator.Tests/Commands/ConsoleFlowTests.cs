using HemSim.Authenticator.Commands;
using HemSim.Authenticator.Scheme;
using HemSim.Authenticator.State;
using HemSim.Authenticator.Tests.Broker;

namespace HemSim.Authenticator.Tests.Commands;

[TestClass]
public sealed class ConsoleFlowTests
{
    [TestMethod]
    public async Task Pair_pairs_through_the_broker_and_saves_the_pairing()
    {
        using var folder = new TestFolder();
        using var broker = new FakeBroker();
        var device = new DocumentDevice();
        string link = broker.AddRegistration(device.Eid, device.PairingRequest());

        Task<(int ExitCode, string Out, string Error)> run = new ConsoleRun()
            .RunAsync("pair", link, "--label", "console", "--poll", "0.02", "--state", folder.File("s"));
        (string pid, string reply) = await broker.ReplyOf(link);
        (string kid, string code) = device.Validate(pid, reply);
        broker.Finalise(link, kid, code);
        var (exitCode, output, error) = await run;

        exitCode.Should().Be(ExitCodes.Success, error);
        output.Should().Contain($"code: {code}").And.Contain($"paired: pid {pid} kid {kid} label \"console\"");
        output.IndexOf("code:", StringComparison.Ordinal).Should().BeLessThan(output.IndexOf("paired:", StringComparison.Ordinal));
        PairingStore.Open(folder.File("s")).Pairings.Should().ContainSingle().Which.Broker.Should().Be(broker.BaseUrl);
    }

    [TestMethod]
    public async Task Run_once_prints_ready_answers_the_first_event_and_exits()
    {
        using var folder = new TestFolder();
        using var broker = new FakeBroker();
        var device = new DocumentDevice();
        Pairing pairing = device.Pair(new VirtualAuthenticator(ApprovalPolicy.ApproveAll, PairingStore.Open(folder.File("s"))), "phone");
        string eventId = broker.AddEvent(pairing.AppId, device.AuthReq("system:config", [pairing.Pid]));

        var (exitCode, output, error) = await new ConsoleRun()
            .RunAsync("run", "--approve", "--once", "--poll", "0.02", "--broker", broker.BaseUrl.ToString(), "--state", folder.File("s"));

        exitCode.Should().Be(ExitCodes.Success, error);
        output.Split(Environment.NewLine).Should().StartWith(
            [RunCommand.ReadyLine, $"approved system:config for \"phone\" (event {eventId})"]);
        string authreply = (await broker.AnswerOf(eventId))["authreply"]!.GetValue<string>();
        ExtJws.Verify(device.SharedKeyWith(pairing.Pid), authreply).Should().BeTrue();
    }

    [TestMethod]
    public async Task Run_warns_about_a_malformed_event_and_carries_on()
    {
        // Arrange: the first pairing's event has a scope object with a duplicate member; the second's is fine.
        using var folder = new TestFolder();
        using var broker = new FakeBroker();
        var device = new DocumentDevice();
        var app = new VirtualAuthenticator(ApprovalPolicy.ApproveAll, PairingStore.Open(folder.File("s")));
        Pairing first = device.Pair(app, "first");
        Pairing second = device.Pair(app, "second");
        string bad = broker.AddEvent(first.AppId, DocumentDevice.WithDuplicateScopeMember(device.AuthReq("system:config", [first.Pid])));
        string good = broker.AddEvent(second.AppId, device.AuthReq("logger:get", [second.Pid]));

        // Act
        var (exitCode, output, error) = await new ConsoleRun()
            .RunAsync("run", "--approve", "--once", "--poll", "0.02", "--broker", broker.BaseUrl.ToString(), "--state", folder.File("s"));

        // Assert
        exitCode.Should().Be(ExitCodes.Success, error);
        error.Should().Contain($"warning: ignored event {bad}");
        output.Should().Contain($"approved logger:get for \"second\" (event {good})");
        broker.AnswerOf(bad).IsCompleted.Should().BeFalse();
    }

    [TestMethod]
    [DataRow("y\n", "approved")]
    [DataRow("n\n", "denied")]
    [DataRow("", "denied")]
    public async Task Ask_prompts_and_takes_y_as_the_only_yes(string input, string verdict)
    {
        using var folder = new TestFolder();
        using var broker = new FakeBroker();
        var device = new DocumentDevice();
        Pairing pairing = device.Pair(new VirtualAuthenticator(ApprovalPolicy.ApproveAll, PairingStore.Open(folder.File("s"))), "phone");
        broker.AddEvent(pairing.AppId, device.AuthReq("system:config", [pairing.Pid], ctx: "web"));

        var (exitCode, output, _) = await new ConsoleRun { Input = input }
            .RunAsync("run", "--ask", "--once", "--poll", "0.02", "--broker", broker.BaseUrl.ToString(), "--state", folder.File("s"));

        exitCode.Should().Be(ExitCodes.Success);
        output.Should().Contain("approve system:config for \"phone\"? ctx \"web\" [y/N] ").And.Contain($"{verdict} system:config");
    }
}
