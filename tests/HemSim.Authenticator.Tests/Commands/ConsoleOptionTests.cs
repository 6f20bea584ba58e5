using HemSim.Authenticator.State;
using HemSim.Authenticator.Commands;

namespace HemSim.Authenticator.Tests.Commands;

[TestClass]
public sealed class ConsoleOptionTests
{
    [TestMethod]
    [DataRow("--approve", "--deny")]
    [DataRow("--ask", "--approve-prefix", "system")]
    public async Task Run_takes_one_policy(params string[] policies)
    {
        using var folder = new TestFolder();

        var (exitCode, _, error) = await new ConsoleRun().RunAsync(["run", .. policies, "--state", folder.File("s")]);

        exitCode.Should().Be(ExitCodes.Failure);
        error.Should().Contain("choose one of --approve, --deny, --ask and --approve-prefix");
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("-1")]
    public async Task Run_refuses_a_poll_interval_that_is_not_positive(string seconds)
    {
        using var folder = new TestFolder();

        var (exitCode, _, error) = await new ConsoleRun().RunAsync("run", "--approve", "--poll", seconds, "--state", folder.File("s"));

        exitCode.Should().Be(ExitCodes.Failure);
        error.Should().Contain("--poll must be more than 0");
    }

    [TestMethod]
    public async Task Run_with_nothing_paired_says_so()
    {
        using var folder = new TestFolder();

        var (exitCode, output, error) = await new ConsoleRun().RunAsync("run", "--approve", "--state", folder.File("s"));

        exitCode.Should().Be(ExitCodes.Failure);
        error.Should().Contain("nothing is paired yet");
        output.Should().NotContain(RunCommand.ReadyLine);
    }

    [TestMethod]
    public async Task Run_refuses_a_broker_that_is_not_an_http_url()
    {
        using var folder = new TestFolder();

        var (exitCode, _, error) = await new ConsoleRun().RunAsync("run", "--approve", "--broker", "ftp://x", "--state", folder.File("s"));

        exitCode.Should().Be(ExitCodes.Failure);
        error.Should().Contain("--broker must be an absolute http:// or https:// URL");
    }

    [TestMethod]
    public async Task List_reads_the_state_named_by_the_environment()
    {
        using var folder = new TestFolder();
        string state = folder.File("from-env.state");
        Pairing pairing = new DocumentDevice().Pair(new VirtualAuthenticator(ApprovalPolicy.ApproveAll, PairingStore.Open(state)), "env phone");

        var (exitCode, output, _) = await new ConsoleRun().With(EnvironmentVariables.State, state).RunAsync("list");

        exitCode.Should().Be(ExitCodes.Success);
        output.Should().Contain(pairing.Pid).And.Contain(pairing.Kid).And.Contain("\"env phone\"");
    }

    [TestMethod]
    public async Task List_of_an_empty_state_says_so()
    {
        using var folder = new TestFolder();

        var (exitCode, output, _) = await new ConsoleRun().RunAsync("list", "--state", folder.File("s"));

        exitCode.Should().Be(ExitCodes.Success);
        output.Should().Be("no pairings" + Environment.NewLine);
    }

    [TestMethod]
    public async Task Forget_removes_a_pairing_and_refuses_an_unknown_pid()
    {
        using var folder = new TestFolder();
        string state = folder.File("s");
        Pairing pairing = new DocumentDevice().Pair(new VirtualAuthenticator(ApprovalPolicy.ApproveAll, PairingStore.Open(state)));

        var forgotten = await new ConsoleRun().RunAsync("forget", pairing.Pid, "--state", state);
        var again = await new ConsoleRun().RunAsync("forget", pairing.Pid, "--state", state);

        forgotten.ExitCode.Should().Be(ExitCodes.Success);
        PairingStore.Open(state).Pairings.Should().BeEmpty();
        again.ExitCode.Should().Be(ExitCodes.Failure);
        again.Error.Should().Contain("no pairing with pid");
    }

    [TestMethod]
    public async Task Pair_refuses_a_link_that_is_not_http()
    {
        using var folder = new TestFolder();

        var (exitCode, _, error) = await new ConsoleRun().RunAsync("pair", "ftp://broker/notify/app/register/x", "--state", folder.File("s"));

        exitCode.Should().Be(ExitCodes.Failure);
        error.Should().Contain("is not an http:// or https:// link");
    }

    [TestMethod]
    public async Task Pair_with_an_unreachable_broker_is_a_connection_failure()
    {
        using var folder = new TestFolder();
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        int port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var (exitCode, _, error) = await new ConsoleRun().RunAsync("pair", $"http://127.0.0.1:{port}/notify/app/register/x", "--state", folder.File("s"));

        exitCode.Should().Be(ExitCodes.ConnectionFailure);
        error.Should().StartWith("error: cannot reach the broker");
    }

    [TestMethod]
    public async Task A_missing_CA_file_is_an_error_not_a_crash()
    {
        using var folder = new TestFolder();

        var (exitCode, _, error) = await new ConsoleRun()
            .RunAsync("pair", "https://127.0.0.1:1/notify/app/register/x", "--ca", folder.File("missing.pem"), "--state", folder.File("s"));

        exitCode.Should().Be(ExitCodes.Failure);
        error.Should().Contain("cannot read the CA certificate");
    }
}
