using FluentAssertions;
using HemSim.Cli.Tests.Fakes;
using static HemSim.Cli.Tests.Commands.CryptoCommandRig;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class CryptoHmacCommandTests
{
    private const string Hash = "/api/crypto/hmac/hash";
    private const string Verify = "/api/crypto/hmac/verify";
    private const string Mac = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    [TestMethod]
    public async Task Hmac_with_a_stored_key_posts_kid_and_msg_and_prints_the_mac()
    {
        // Arrange
        await using FakeHem hem = await DeviceAsync(Hash, FakeReply.Json($$"""{"mac":"{{Mac}}"}"""));

        // Act
        CliResult result = await RunAsync(hem, "crypto", "hmac", Kid.ToUpperInvariant(), "--msg", "hello");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        RecordedRequest request = hem.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Authorization.Should().Be("Bearer " + Token);
        request.ContentType.Should().Be("application/json");
        request.Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"{{Hello}}"}""");
        result.Out.Should().Be(Mac + Nl);
        result.Error.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Hmac_in_ECDH_mode_sends_alg_and_the_peer_key_in_standard_base64()
    {
        await using FakeHem hem = await DeviceAsync(Hash, FakeReply.Json($$"""{"mac":"{{Mac}}"}"""));

        CliResult result = await RunAsync(hem, "crypto", "hmac", Kid, "--msg-b64", "aGVsbG8", "--alg", "sha3-512", "--pubkey", "-_8");

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"{{Hello}}","alg":"SHA3-512","pubkey":"+/8="}""");
    }

    [TestMethod]
    public async Task Hmac_with_a_stored_peer_sends_ext_kid_in_lowercase()
    {
        await using FakeHem hem = await DeviceAsync(Hash, FakeReply.Json($$"""{"mac":"{{Mac}}"}"""));

        await RunAsync(hem, "crypto", "hmac", Kid, "--msg", "hello", "--alg", "SHA2-256", "--ext-kid", Kid.ToUpperInvariant());

        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"{{Hello}}","alg":"SHA2-256","ext_kid":"{{Kid}}"}""");
    }

    [TestMethod]
    public async Task Hmac_with_out_writes_the_raw_mac_to_the_file()
    {
        await using FakeHem hem = await DeviceAsync(Hash, FakeReply.Json($$"""{"mac":"{{Mac}}"}"""));
        string file = Path.Combine(Path.GetTempPath(), $"hemsim-mac-{Guid.NewGuid():N}.bin");

        try
        {
            CliResult result = await RunAsync(hem, "crypto", "hmac", Kid, "--msg", "hello", "--out", file);

            result.ExitCode.Should().Be(0, result.Error);
            File.ReadAllBytes(file).Should().Equal(Convert.FromBase64String(Mac));
            result.Out.Should().Be($"wrote 32 bytes to {file}" + Nl);
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "results may be secrets");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Hmac_with_json_prints_the_device_answer()
    {
        string answer = $$"""{"mac":"{{Mac}}"}""";
        await using FakeHem hem = await DeviceAsync(Hash, FakeReply.Json(answer));

        CliResult result = await RunAsync(hem, "crypto", "hmac", Kid, "--msg", "hello", "--json");

        result.Out.Should().Be(answer + Nl);
    }

    [TestMethod]
    public async Task Hmac_answer_without_a_mac_is_an_unexpected_answer()
    {
        await using FakeHem hem = await DeviceAsync(Hash, FakeReply.Json("""{"mac":"not base64!"}"""));

        CliResult result = await RunAsync(hem, "crypto", "hmac", Kid, "--msg", "hello");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Be("error: unexpected answer from the device: /api/crypto/hmac/hash: the answer's \"mac\" is not base64" + Nl);
    }

    [TestMethod]
    [DataRow(new[] { "--msg", "x", "--pubkey", "AAAA" }, "--alg is required with --ext-kid or --pubkey", DisplayName = "ECDH mode without alg")]
    [DataRow(new[] { "--msg", "x", "--alg", "SHA2-256", "--pubkey", "AAAA", "--ext-kid", Peer }, "--ext-kid and --pubkey exclude each other", DisplayName = "two peers")]
    [DataRow(new[] { "--msg", "x", "--alg", "SHA2-256", "--ext-kid", "peer" }, "--ext-kid must be exactly 32 hex characters", DisplayName = "bad ext-kid")]
    [DataRow(new[] { "--msg", "x", "--alg", "SHA-256" }, "unknown --alg 'SHA-256'; valid: SHA2-256, SHA2-384, SHA2-512, SHA3-256, SHA3-384, SHA3-512", DisplayName = "unknown alg")]
    [DataRow(new[] { "--msg", "x", "--alg", "SHA2-256", "--pubkey", "A" }, "--pubkey is not valid base64", DisplayName = "bad pubkey")]
    [DataRow(new string[0], "give the message with --msg TEXT, --msg-b64 B64 or --in FILE", DisplayName = "no message")]
    [DataRow(new[] { "--msg", "x", "--msg-b64", "eA==" }, "--msg, --msg-b64 and --in exclude each other", DisplayName = "two messages")]
    [DataRow(new[] { "--msg-b64", "e" }, "--msg-b64 is not valid base64", DisplayName = "bad msg-b64")]
    [DataRow(new[] { "--in", "/nonexistent/hemsim/message" }, "cannot read '/nonexistent/hemsim/message'", DisplayName = "missing file")]
    [DataRow(new[] { "--in", "-", "--passphrase-stdin" }, "--in - and --passphrase-stdin cannot both read standard input", DisplayName = "stdin twice")]
    public async Task Hmac_with_unusable_arguments_sends_nothing(string[] args, string message)
    {
        await using FakeHem hem = await DeviceAsync(Hash, FakeReply.Status(500));

        CliResult result = await RunAsync(hem, ["crypto", "hmac", Kid, .. args]);

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: " + message);
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Hmac_with_a_bad_kid_sends_nothing()
    {
        await using FakeHem hem = await DeviceAsync(Hash, FakeReply.Status(500));

        CliResult result = await RunAsync(hem, "crypto", "hmac", "not-a-kid", "--msg", "x");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Be("error: KID must be exactly 32 hex characters (16 bytes), not 'not-a-kid'" + Nl);
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Hmac_over_plain_http_explains_the_409_quirk()
    {
        // FakeHem listens on plain HTTP: the device's answer there is 409 (spec §3.4).
        await using FakeHem hem = await DeviceAsync(Hash, FakeReply.Status(409));

        CliResult result = await RunAsync(hem, "crypto", "hmac", Kid, "--msg", "x");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Be(
            "error: 409 wrong state (fault latched, not initialised, or busy)" + Nl
            + "hint: hmac needs HTTPS: over plain HTTP the device answers 409 (spec §3.4); use an https:// URL" + Nl);
    }

    [TestMethod]
    public async Task Hmac_of_an_unsuitable_key_reports_406_with_its_causes()
    {
        await using FakeHem hem = await DeviceAsync(Hash, FakeReply.Status(406));

        CliResult result = await RunAsync(hem, "crypto", "hmac", Kid, "--msg", "x");

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: 406 operation failed").And.Contain("hint: no key with this kid, or it is neither an HMAC key");
    }

    [TestMethod]
    public async Task Hmac_verify_posts_the_mac_last_and_prints_valid()
    {
        // Arrange
        await using FakeHem hem = await DeviceAsync(Verify, FakeReply.Json(""));

        // Act
        CliResult result = await RunAsync(hem, "crypto", "hmac-verify", Kid, "--msg", "hello", "--mac", Mac.Replace('+', '-'));

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"{{Hello}}","mac":"{{Mac}}"}""");
        result.Out.Should().Be("valid" + Nl);
    }

    [TestMethod]
    public async Task Hmac_verify_answered_406_prints_invalid_and_exits_1()
    {
        await using FakeHem hem = await DeviceAsync(Verify, FakeReply.Status(406));

        CliResult result = await RunAsync(hem, "crypto", "hmac-verify", Kid, "--msg", "hello", "--mac", Mac);

        result.ExitCode.Should().Be(1);
        result.Out.Should().Be("invalid (406): the MAC does not verify" + Nl);
        result.Error.Should().StartWith("hint: 406 also answers a key that is missing or unsuitable");
    }

    [TestMethod]
    public async Task Hmac_verify_without_mac_sends_nothing()
    {
        await using FakeHem hem = await DeviceAsync(Verify, FakeReply.Json(""));

        CliResult result = await RunAsync(hem, "crypto", "hmac-verify", Kid, "--msg", "hello");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--mac");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Hmac_verify_answered_400_is_an_error_not_a_verdict()
    {
        await using FakeHem hem = await DeviceAsync(Verify, FakeReply.Status(400));

        CliResult result = await RunAsync(hem, "crypto", "hmac-verify", Kid, "--msg", "hello", "--mac", Mac);

        result.ExitCode.Should().Be(1);
        result.Out.Should().BeEmpty();
        result.Error.Should().StartWith("error: 400 malformed request").And.Contain("hint: the device could not read a field");
    }
}
