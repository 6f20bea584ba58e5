using FluentAssertions;
using HemSim.Cli.Keys;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class KeysCreateCommandTests
{
    private const string Kid = "3a1f0c9d8e7b6a5f4e3d2c1b0a998877";
    private const string Token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6ImtleW1nbXQ6Z2VuIn0.c2lnbmF0dXJl";

    private static LoginVectorFile Vectors => SharedVectors.Login;

    [TestMethod]
    public async Task Create_posts_label_type_mode_and_descr_with_the_bearer_token()
    {
        // Arrange
        await using FakeHem hem = await StartDeviceAsync();

        // Act
        CliResult result = await new CliInvocation().RunAsync(
            "keys", "create", "--url", hem.UrlText, "--token", Token,
            "--type", "SECP256R1", "--label", "my key", "--mode", "ECDH,ExDSA", "--descr", "hello");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        RecordedRequest create = hem.Requests.Should().ContainSingle().Subject;
        create.Method.Should().Be("POST");
        create.Path.Should().Be("/api/keymgmt/create");
        create.Authorization.Should().Be("Bearer " + Token);
        create.ContentType.Should().Be("application/json");
        create.Body.Should().Be("""{"label":"my key","type":"SECP256R1","mode":"ECDH,ExDSA","descr":"aGVsbG8="}""");
        create.ContentLength.Should().Be(create.Body.Length);
    }

    [TestMethod]
    public async Task Create_prints_only_the_kid()
    {
        await using FakeHem hem = await StartDeviceAsync();

        CliResult result = await new CliInvocation().RunAsync(
            "keys", "create", "--url", hem.UrlText, "--token", Token, "--type", "AES256", "--label", "k");

        result.Out.Should().Be(Kid + Environment.NewLine);
        result.Error.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Create_leaves_out_absent_mode_and_descr()
    {
        await using FakeHem hem = await StartDeviceAsync();

        await new CliInvocation().RunAsync("keys", "create", "--url", hem.UrlText, "--token", Token, "--type", "ED25519", "--label", "k");

        hem.Requests.Single().Body.Should().Be("""{"label":"k","type":"ED25519"}""");
    }

    [TestMethod]
    public async Task Create_sends_the_device_spelling_of_a_type_given_in_lower_case()
    {
        await using FakeHem hem = await StartDeviceAsync();

        await new CliInvocation().RunAsync("keys", "create", "--url", hem.UrlText, "--token", Token, "--type", "sha3-384", "--label", "k");

        hem.Requests.Single().Body.Should().Contain("\"type\":\"SHA3-384\"");
    }

    [TestMethod]
    public async Task Create_normalises_descr_b64_to_standard_base64()
    {
        await using FakeHem hem = await StartDeviceAsync();

        await new CliInvocation().RunAsync(
            "keys", "create", "--url", hem.UrlText, "--token", Token, "--type", "AES128", "--label", "k", "--descr-b64", "-_8");

        hem.Requests.Single().Body.Should().Contain("\"descr\":\"+/8=\"");
    }

    [TestMethod]
    public async Task Create_takes_the_token_from_HEMSIM_TOKEN()
    {
        await using FakeHem hem = await StartDeviceAsync();
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_TOKEN"] = Token;

        CliResult result = await cli.RunAsync("keys", "create", "--url", hem.UrlText, "--type", "AES128", "--label", "k");

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Authorization.Should().Be("Bearer " + Token);
    }

    [TestMethod]
    public async Task Create_without_a_token_logs_in_with_keymgmt_gen_first()
    {
        // Arrange
        await using FakeHem hem = await StartDeviceAsync();
        hem.On("GET", "/api/auth/token", FakeDeviceAuth.LoginChallenge());
        hem.On("POST", "/api/auth/token", FakeDeviceAuth.Login);
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = Vectors.User.Passphrase;
        string issued = FakeDeviceAuth.BearerToken("keymgmt:gen", "U", CliInvocation.VectorNow, CliInvocation.VectorNow + 3600);

        // Act
        CliResult result = await cli.RunAsync("keys", "create", "--url", hem.UrlText, "--type", "CURVE25519", "--label", "k");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(request => $"{request.Method} {request.Path}")
            .Should().Equal("GET /api/auth/token", "POST /api/auth/token", "POST /api/keymgmt/create");
        hem.Requests[2].Authorization.Should().Be("Bearer " + issued);
        result.Out.Should().Be(Kid + Environment.NewLine);
        result.AllOutput.Should().NotContain(issued).And.NotContain(Vectors.User.Passphrase);
    }

    [TestMethod]
    public async Task Create_with_an_unknown_type_lists_the_23_types_and_sends_nothing()
    {
        await using FakeHem hem = await StartDeviceAsync();

        CliResult result = await new CliInvocation().RunAsync(
            "keys", "create", "--url", hem.UrlText, "--token", Token, "--type", "RSA2048", "--label", "k");

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: unknown key type 'RSA2048'; valid types: SECP256R1, ");
        KeyTypes.All.Should().HaveCount(23).And.OnlyHaveUniqueItems();
        result.Error.Should().ContainAll(KeyTypes.All);
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("a label that is much longer than 32")]
    [DataRow("tab\there")]
    public async Task Create_with_an_unusable_label_sends_nothing(string label)
    {
        await using FakeHem hem = await StartDeviceAsync();

        CliResult result = await new CliInvocation().RunAsync(
            "keys", "create", "--url", hem.UrlText, "--token", Token, "--type", "AES256", "--label", label);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--label");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Create_with_both_descriptions_sends_nothing()
    {
        await using FakeHem hem = await StartDeviceAsync();

        CliResult result = await new CliInvocation().RunAsync(
            "keys", "create", "--url", hem.UrlText, "--token", Token, "--type", "AES256", "--label", "k", "--descr", "x", "--descr-b64", "eA==");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("exclude each other");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Create_with_a_full_keystore_reports_406()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/create", FakeReply.Status(406));

        CliResult result = await new CliInvocation().RunAsync(
            "keys", "create", "--url", hem.UrlText, "--token", Token, "--type", "AES256", "--label", "k");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Be("error: 406 operation failed (e.g. keystore full)" + Environment.NewLine);
    }

    private static async Task<FakeHem> StartDeviceAsync()
    {
        FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/create", FakeReply.Json($$"""{"kid":"{{Kid}}"}"""));
        return hem;
    }
}
