using System.Text;
using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

/// <summary><c>hemsim ext pair</c> against a scripted device and a scripted broker (spec §9.1, docs/EXTERNAL-AUTH.md §3).</summary>
[TestClass]
public sealed class ExtPairCommandTests
{
    private const string Token = "pair-token";
    private const string Eid = "ZWlkZWlkZWlkZWlkZWlkZWlkZWlkZWlkZWlkZWlkZWk=";
    private const string Epk = "ZXBrZXBrZXBrZXBrZXBrZXBrZXBrZXBrZXBrZXBrZXA=";
    private const string Request = "cmVx.cmVx.cmVx";
    private const string Kid = "42afc419dbda72636b37a2455955e095";
    private const string Code = "Y29kZQ==";
    private const string Pid = "cGlkcGlkcGlkcGlkcGlkcA==";
    private const string Config = $$"""{"eid":"{{Eid}}","user":"Alice","email":"alice@example.test","hostname":"hem.example.test","trusted_ts":false}""";

    /// <summary>An app reply whose label claim is <paramref name="label"/>; the CLI reads it, only the device verifies it.</summary>
    private static string ReplyLabelled(string label) =>
        "eyJlY2RoIjoieDI1NTE5IiwidHlwIjoiSldUIiwiYWxnIjoiSFMyNTYifQ."
        + Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"jti":"x","iss":"y","label":"{{label}}","epk":"z"}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_')
        + ".c2ln";

    private static async Task<(FakeHem Device, FakeHem Broker)> StartAsync(int pendingPolls = 1, string label = "phone")
    {
        FakeHem device = await FakeHem.StartAsync();
        device.On("GET", "/api/system/config", FakeReply.Json(Config))
            .On("POST", "/api/auth/ext/init", FakeReply.Json($$"""{"request":"{{Request}}","eid":"{{Eid}}"}"""))
            .On("POST", "/api/auth/ext/validate", FakeReply.Json($$"""{"kid":"{{Kid}}","code":"{{Code}}"}"""));
        FakeHem broker = await FakeHem.StartAsync();
        int polls = 0;
        broker.On("POST", "/notify/session", FakeReply.Json($$"""{"epk":"{{Epk}}"}"""))
            .On("POST", "/notify/register/init", FakeReply.Json($$"""{"rid":"R1","link":"{{broker.UrlText}}/notify/app/register/R1"}"""))
            .On("GET", "/notify/register/check/R1", _ => Interlocked.Increment(ref polls) <= pendingPolls
                ? FakeReply.Status(202)
                : FakeReply.Json($$"""{"pid":"{{Pid}}","reply":"{{ReplyLabelled(label)}}"}"""))
            .On("POST", "/notify/register/finalise/R1", FakeReply.Json("{}"));
        return (device, broker);
    }

    private static Task<CliResult> PairAsync(FakeHem device, FakeHem broker, params string[] extra) =>
        new CliInvocation().RunAsync(["ext", "pair", "--url", device.UrlText, "--broker", broker.UrlText, "--token", Token, "--poll", "0.05", .. extra]);

    [TestMethod]
    public async Task Pair_runs_the_client_steps_in_order_and_prints_the_qr_payload_kid_label_and_code()
    {
        // Arrange
        var (device, broker) = await StartAsync(pendingPolls: 2);
        await using var _ = device;
        await using var __ = broker;

        // Act
        CliResult result = await PairAsync(device, broker);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        device.Requests.Select(r => $"{r.Method} {r.Path} {r.Authorization}").Should().Equal(
            $"GET /api/system/config Bearer {Token}", $"POST /api/auth/ext/init Bearer {Token}", $"POST /api/auth/ext/validate Bearer {Token}");
        device.Requests[1].Body.Should().Be($$"""{"epk":"{{Epk}}"}""");
        device.Requests[2].Body.Should().Be($$"""{"pid":"{{Pid}}","reply":"{{ReplyLabelled("phone")}}"}""");
        broker.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal(
            "POST /notify/session", "POST /notify/register/init", "GET /notify/register/check/R1", "GET /notify/register/check/R1",
            "GET /notify/register/check/R1", "POST /notify/register/finalise/R1");
        broker.Requests.Should().OnlyContain(r => r.Authorization == null, "the device's token never goes to the broker");
        broker.Requests[0].Body.Should().Be($$"""{"eid":"{{Eid}}"}""");
        broker.Requests[1].Body.Should().Be(
            $$"""{"epk":"{{Epk}}","eid":"{{Eid}}","request":"{{Request}}","user":"Alice","email":"alice@example.test","hostname":"hem.example.test"}""");
        broker.Requests[5].Body.Should().Be($$"""{"kid":"{{Kid}}","code":"{{Code}}"}""");
        string link = $"{broker.UrlText}/notify/app/register/R1";
        result.Out.Should().Be(string.Join(Environment.NewLine,
            $$"""qr:    {"link":"{{link}}","hash":"not_implemented_yet","user":"Alice","email":"alice@example.test","hostname":"hem.example.test"}""",
            $"link:  {link}",
            "waiting up to 60 s for the app...",
            $"kid:   {Kid}",
            "label: phone",
            $"code:  {Code}",
            $"compare this code with the code the app shows; if they differ, someone else answered: run 'hemsim keys delete {Kid}'",
            ""));
    }

    [TestMethod]
    public async Task Pair_with_json_prints_the_result_and_sends_the_qr_payload_to_stderr()
    {
        var (device, broker) = await StartAsync();
        await using var _ = device;
        await using var __ = broker;

        CliResult result = await PairAsync(device, broker, "--json");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Trim().Should().Be($$"""{"kid":"{{Kid}}","code":"{{Code}}","label":"phone","pid":"{{Pid}}"}""");
        result.Error.Should().StartWith("qr:    {\"link\":").And.Contain($"if they differ, someone else answered: run 'hemsim keys delete {Kid}'");
    }

    [TestMethod]
    public async Task Pair_with_a_label_the_app_does_not_give_stops_before_the_device_stores_it()
    {
        var (device, broker) = await StartAsync(label: "intruder");
        await using var _ = device;
        await using var __ = broker;

        CliResult result = await PairAsync(device, broker, "--label", "phone");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("the app that answered calls itself 'intruder', not 'phone': not paired");
        device.Requests.Should().NotContain(r => r.Path == "/api/auth/ext/validate");
        broker.Requests.Should().NotContain(r => r.Path.StartsWith("/notify/register/finalise/", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Pair_with_the_expected_label_pairs()
    {
        var (device, broker) = await StartAsync();
        await using var _ = device;
        await using var __ = broker;

        CliResult result = await PairAsync(device, broker, "--label", "phone");

        result.ExitCode.Should().Be(0, result.Error);
    }

    [TestMethod]
    public async Task Pair_gives_up_when_no_app_answers_in_time()
    {
        var (device, broker) = await StartAsync(pendingPolls: int.MaxValue);
        await using var _ = device;
        await using var __ = broker;

        CliResult result = await PairAsync(device, broker, "--timeout", "0.3");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("no app answered within 0.3 s");
        device.Requests.Should().NotContain(r => r.Path == "/api/auth/ext/validate");
    }

    [TestMethod]
    public async Task Pair_names_the_broker_when_it_refuses()
    {
        var (device, broker) = await StartAsync();
        await using var _ = device;
        await using var __ = broker;
        broker.On("POST", "/notify/register/init", FakeReply.Status(401));

        CliResult result = await PairAsync(device, broker);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain($"the broker {broker.UrlText} answered 401 to POST /notify/register/init");
    }

    [TestMethod]
    public async Task Pair_explains_a_device_refusal_of_the_reply()
    {
        var (device, broker) = await StartAsync();
        await using var _ = device;
        await using var __ = broker;
        device.On("POST", "/api/auth/ext/validate", FakeReply.Status(406));

        CliResult result = await PairAsync(device, broker);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("hint: the device did not store the app: this app key or pairing id is already paired, or the key store is full");
    }

    [TestMethod]
    public async Task Pair_reads_the_broker_from_HEMSIM_BROKER()
    {
        var (device, broker) = await StartAsync();
        await using var _ = device;
        await using var __ = broker;
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_BROKER"] = broker.UrlText;

        CliResult result = await cli.RunAsync("ext", "pair", "--url", device.UrlText, "--token", Token, "--poll", "0.05");

        result.ExitCode.Should().Be(0, result.Error);
        broker.Requests.Should().NotBeEmpty();
    }

    [TestMethod]
    [DataRow("--poll", "0")]
    [DataRow("--timeout", "-1")]
    [DataRow("--broker", "ftp://broker")]
    public async Task Pair_refuses_unusable_broker_options_before_any_request(string option, string value)
    {
        await using FakeHem device = await FakeHem.StartAsync();

        CliResult result = await new CliInvocation().RunAsync("ext", "pair", "--url", device.UrlText, "--token", Token, option, value);

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: ");
        device.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Pair_without_a_token_logs_in_for_the_pairing_scope()
    {
        var (device, broker) = await StartAsync();
        await using var _ = device;
        await using var __ = broker;
        device.On("GET", "/api/auth/token", FakeDeviceAuth.LoginChallenge())
            .On("POST", "/api/auth/token", FakeDeviceAuth.Login);
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = SharedVectors.Login.User.Passphrase;
        string issued = FakeDeviceAuth.BearerToken("auth:ext:pair", "U", CliInvocation.VectorNow, CliInvocation.VectorNow + 3600);

        CliResult result = await cli.RunAsync("ext", "pair", "--url", device.UrlText, "--broker", broker.UrlText, "--poll", "0.05");

        result.ExitCode.Should().Be(0, result.Error);
        device.Requests.Single(r => r.Path == "/api/system/config").Authorization.Should().Be("Bearer " + issued);
        result.AllOutput.Should().NotContain(issued);
    }
}
