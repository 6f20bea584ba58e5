using System.Text.Json;
using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

/// <summary>
/// Provisioning against a fake device holding the vectors' session key; the vectors' user and master passphrases
/// must produce the vectors' public keys (derived independently) in <c>cfg</c> and <c>iss</c>.
/// </summary>
[TestClass]
public sealed class InitCommandTests
{
    private const string InstanceId = "e7aafede-76b1-c7c8-784b-c963967fe307";
    private const string InitToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6InN5c3RlbTpjb25maWcifQ.c2VjcmV0LWluaXQtdG9rZW4";

    private static LoginVectorFile Vectors => SharedVectors.Login;

    [TestMethod]
    public async Task Init_sends_a_token_whose_hmac_verifies_with_the_session_key_and_the_master_key()
    {
        // Arrange
        await using FakeHem hem = await StartDeviceAsync();
        CliInvocation cli = WithVectorPassphrases();

        // Act
        CliResult result = await cli.RunAsync("init", "--url", hem.UrlText);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        JsonElement payload = InitPayload(hem);
        payload.GetProperty("iss").GetString().Should().Be(Vectors.Master.ClientPublicKeyB64);
        payload.EnumerateObject().Select(property => property.Name).Should().Equal("jti", "aud", "exp", "iat", "iss", "cfg");
        payload.GetProperty("jti").GetString().Should().Be(Vectors.User.Claims.Jti);
        payload.GetProperty("aud").GetString().Should().Be(Vectors.Spk);
        payload.GetProperty("exp").GetInt64().Should().Be(CliInvocation.VectorNow + 60, "exp is the challenge's exp");
        payload.GetProperty("iat").GetInt64().Should().Be(CliInvocation.VectorNow);
    }

    [TestMethod]
    public async Task Init_cfg_carries_the_user_key_derived_from_the_user_passphrase()
    {
        await using FakeHem hem = await StartDeviceAsync();

        await WithVectorPassphrases().RunAsync("init", "--url", hem.UrlText);

        JsonElement cfg = InitPayload(hem).GetProperty("cfg");
        cfg.GetProperty("userkey").GetString().Should().Be(Vectors.User.ClientPublicKeyB64);
        cfg.GetProperty("masterkey").GetString().Should().Be(Vectors.Master.ClientPublicKeyB64);
    }

    [TestMethod]
    public async Task Init_cfg_has_the_documented_defaults_in_table_order()
    {
        await using FakeHem hem = await StartDeviceAsync();

        await WithVectorPassphrases().RunAsync("init", "--url", hem.UrlText);

        string cfg = InitPayload(hem).GetProperty("cfg").GetRawText();
        cfg.Should().Be(
            "{\"masterkey\":\"" + Vectors.Master.ClientPublicKeyB64 + "\",\"userkey\":\"" + Vectors.User.ClientPublicKeyB64 + "\","
            + "\"user\":\"HemSim user\",\"email\":\"\",\"hostname\":\"my.ence.do\",\"origin\":\"*\",\"trusted_ts\":false,"
            + "\"trusted_backend\":false,\"allow_keysearch\":false,\"ip\":\"192.168.7.1/24\",\"storage_mode\":81,"
            + "\"storage_disk0size\":8388608,\"dnsd\":false}");
    }

    [TestMethod]
    public async Task Init_cfg_takes_the_given_options()
    {
        await using FakeHem hem = await StartDeviceAsync();

        CliResult result = await WithVectorPassphrases().RunAsync(
            "init", "--url", hem.UrlText, "--user", "Alice", "--email", "a@example.org", "--hostname", "hem.example.org",
            "--origin", "https://app.example.org", "--trusted-ts", "--trusted-backend", "true", "--allow-keysearch",
            "--ip", "192.168.7.1", "--storage-mode", "160", "--storage-disk0size", "4096", "--dnsd");

        result.ExitCode.Should().Be(0, result.Error);
        JsonElement cfg = InitPayload(hem).GetProperty("cfg");
        cfg.GetProperty("user").GetString().Should().Be("Alice");
        cfg.GetProperty("email").GetString().Should().Be("a@example.org");
        cfg.GetProperty("hostname").GetString().Should().Be("hem.example.org");
        cfg.GetProperty("origin").GetString().Should().Be("https://app.example.org");
        cfg.GetProperty("trusted_ts").GetBoolean().Should().BeTrue();
        cfg.GetProperty("trusted_backend").GetBoolean().Should().BeTrue();
        cfg.GetProperty("allow_keysearch").GetBoolean().Should().BeTrue();
        cfg.GetProperty("ip").GetString().Should().Be("192.168.7.1");
        cfg.GetProperty("storage_mode").GetInt32().Should().Be(160);
        cfg.GetProperty("storage_disk0size").GetInt64().Should().Be(4096);
        cfg.GetProperty("dnsd").GetBoolean().Should().BeTrue();
    }

    [TestMethod]
    public async Task Init_prints_the_instanceid_and_never_the_passphrases_or_the_token()
    {
        await using FakeHem hem = await StartDeviceAsync();

        CliResult result = await WithVectorPassphrases().RunAsync("init", "--url", hem.UrlText);

        result.Out.Should().Be($"instanceid: {InstanceId}{Environment.NewLine}");
        result.AllOutput.Should().NotContain(Vectors.User.Passphrase)
            .And.NotContain(Vectors.Master.Passphrase)
            .And.NotContain(InitToken)
            .And.NotContain(Vectors.User.SeedHex);
    }

    [TestMethod]
    public async Task Init_with_json_redacts_the_token()
    {
        await using FakeHem hem = await StartDeviceAsync();

        CliResult result = await WithVectorPassphrases().RunAsync("init", "--url", hem.UrlText, "--json");

        result.Out.Should().Be($$"""{"instanceid":"{{InstanceId}}","token":"<redacted>","genuine":"Z2VudWluZQ=="}""" + Environment.NewLine);
    }

    [TestMethod]
    public async Task Init_posts_json_with_an_explicit_content_length()
    {
        await using FakeHem hem = await StartDeviceAsync();

        await WithVectorPassphrases().RunAsync("init", "--url", hem.UrlText);

        RecordedRequest post = hem.Requests.Single(request => request.Method == "POST");
        post.ContentType.Should().Be("application/json");
        post.ContentLength.Should().Be(System.Text.Encoding.UTF8.GetByteCount(post.Body));
    }

    [TestMethod]
    public async Task Init_reads_both_passphrases_from_stdin_lines()
    {
        // Arrange
        await using FakeHem hem = await StartDeviceAsync();
        var cli = new CliInvocation { Input = ScriptedConsoleInput.Stdin(Vectors.User.Passphrase, Vectors.Master.Passphrase) };

        // Act
        CliResult result = await cli.RunAsync("init", "--url", hem.UrlText, "--passphrase-stdin");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        JsonElement cfg = InitPayload(hem).GetProperty("cfg");
        cfg.GetProperty("userkey").GetString().Should().Be(Vectors.User.ClientPublicKeyB64);
        cfg.GetProperty("masterkey").GetString().Should().Be(Vectors.Master.ClientPublicKeyB64);
    }

    [TestMethod]
    public async Task Init_without_a_passphrase_source_fails_before_any_request()
    {
        await using FakeHem hem = await StartDeviceAsync();

        CliResult result = await new CliInvocation().RunAsync("init", "--url", hem.UrlText);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("no user passphrase").And.Contain("HEMSIM_USER_PASSPHRASE").And.Contain("--passphrase-stdin");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Init_refuses_equal_user_and_admin_passphrases()
    {
        await using FakeHem hem = await StartDeviceAsync();
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = "same passphrase";
        cli.Environment["HEMSIM_ADMIN_PASSPHRASE"] = "same passphrase";

        CliResult result = await cli.RunAsync("init", "--url", hem.UrlText);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("must differ");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Init_on_an_initialised_device_reports_406_with_a_hint()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/auth/init", FakeReply.Status(406));

        CliResult result = await WithVectorPassphrases().RunAsync("init", "--url", hem.UrlText);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Be(
            "error: 406 operation failed (e.g. keystore full)" + Environment.NewLine
            + "hint: the device is already initialised" + Environment.NewLine);
        result.Out.Should().BeEmpty();
    }

    private static CliInvocation WithVectorPassphrases()
    {
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = Vectors.User.Passphrase;
        cli.Environment["HEMSIM_ADMIN_PASSPHRASE"] = Vectors.Master.Passphrase;
        return cli;
    }

    private static async Task<FakeHem> StartDeviceAsync()
    {
        FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/auth/init", FakeDeviceAuth.InitChallenge());
        hem.On("POST", "/api/auth/init", request =>
        {
            string init = JsonDocument.Parse(request.Body).RootElement.GetProperty("init").GetString()!;
            return FakeDeviceAuth.VerifiedPayload(init) is null
                ? FakeReply.Status(401)
                : FakeReply.Json($$"""{"instanceid":"{{InstanceId}}","token":"{{InitToken}}","genuine":"Z2VudWluZQ=="}""");
        });
        return hem;
    }

    /// <summary>The payload of the init eJWT the client posted, after the fake device verified its HMAC.</summary>
    private static JsonElement InitPayload(FakeHem hem)
    {
        RecordedRequest post = hem.Requests.Single(request => request is { Method: "POST", Path: "/api/auth/init" });
        string init = JsonDocument.Parse(post.Body).RootElement.GetProperty("init").GetString()!;
        JsonElement? payload = FakeDeviceAuth.VerifiedPayload(init);
        payload.Should().NotBeNull("the HMAC must verify with X25519(session_private, iss)");
        return payload!.Value;
    }
}
