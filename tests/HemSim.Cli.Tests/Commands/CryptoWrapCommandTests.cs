using FluentAssertions;
using HemSim.Cli.Tests.Fakes;
using static HemSim.Cli.Tests.Commands.CryptoCommandRig;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class CryptoWrapCommandTests
{
    private const string Wrap = "/api/crypto/cipher/wrap";
    private const string Unwrap = "/api/crypto/cipher/unwrap";
    private const string Secret = "AAECAwQFBgcICQoLDA0ODw==";
    private const string Wrapped = "H8b8F3Q7bFQnN9k3yQ2pU2yZy9o4jK8Q";

    [TestMethod]
    public async Task Wrap_posts_msg_alg_and_iv_and_prints_the_blob()
    {
        // Arrange
        await using FakeHem hem = await DeviceAsync(Wrap, FakeReply.Json($$"""{"wrapped":"{{Wrapped}}"}"""));

        // Act
        CliResult result = await RunAsync(hem, "crypto", "wrap", Kid, "--msg-b64", Secret, "--alg", "aes128", "--iv", "pqampqampqY=");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"{{Secret}}","alg":"AES128","iv":"pqampqampqY="}""");
        result.Out.Should().Be(Wrapped + Nl);
    }

    [TestMethod]
    public async Task Wrap_without_alg_leaves_the_device_default()
    {
        await using FakeHem hem = await DeviceAsync(Wrap, FakeReply.Json($$"""{"wrapped":"{{Wrapped}}"}"""));

        await RunAsync(hem, "crypto", "wrap", Kid, "--msg-b64", Secret);

        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"{{Secret}}"}""");
    }

    [TestMethod]
    public async Task Wrap_in_ECDH_mode_sends_the_peer_and_ctx()
    {
        await using FakeHem hem = await DeviceAsync(Wrap, FakeReply.Json($$"""{"wrapped":"{{Wrapped}}"}"""));

        await RunAsync(hem, "crypto", "wrap", Kid, "--msg-b64", Secret, "--pubkey-b64", "AAAA", "--ctx", "a2Vr");

        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"{{Secret}}","pubkey":"AAAA","ctx":"a2Vr"}""");
    }

    [TestMethod]
    public async Task Wrap_without_a_secret_sends_nothing()
    {
        // Spec §22 #15: the device answers 400 without msg; the client does not even ask.
        await using FakeHem hem = await DeviceAsync(Wrap, FakeReply.Json($$"""{"wrapped":"{{Wrapped}}"}"""));

        CliResult result = await RunAsync(hem, "crypto", "wrap", Kid);

        result.Error.Should().Be("error: give the secret to wrap with --msg TEXT, --msg-b64 B64 or --in FILE" + Nl);
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Wrap_answered_406_explains_the_input_rules()
    {
        await using FakeHem hem = await DeviceAsync(Wrap, FakeReply.Status(406));

        CliResult result = await RunAsync(hem, "crypto", "wrap", Kid, "--msg", "short");

        result.Error.Should().Contain("hint: the secret is not a multiple of 8 bytes (at least 16), the iv is not 8 bytes");
    }

    [TestMethod]
    public async Task Unwrap_posts_the_blob_and_prints_the_secret()
    {
        await using FakeHem hem = await DeviceAsync(Unwrap, FakeReply.Json($$"""{"unwrapped":"{{Secret}}"}"""));

        CliResult result = await RunAsync(hem, "crypto", "unwrap", Kid, "--msg-b64", Wrapped, "--alg", "AES256");

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"{{Wrapped}}","alg":"AES256"}""");
        result.Out.Should().Be(Secret + Nl);
    }

    [TestMethod]
    [DataRow(400, "hint: the blob is not a multiple of 8 bytes (at least 24)")]
    [DataRow(406, "hint: the integrity check failed (wrong KEK or iv, or a modified blob)")]
    public async Task Unwrap_refusals_are_explained(int status, string hint)
    {
        await using FakeHem hem = await DeviceAsync(Unwrap, FakeReply.Status(status));

        CliResult result = await RunAsync(hem, "crypto", "unwrap", Kid, "--msg-b64", Wrapped);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(hint);
    }

    [TestMethod]
    public async Task Unwrap_with_an_unknown_alg_sends_nothing()
    {
        await using FakeHem hem = await DeviceAsync(Unwrap, FakeReply.Json($$"""{"unwrapped":"{{Secret}}"}"""));

        CliResult result = await RunAsync(hem, "crypto", "unwrap", Kid, "--msg-b64", Wrapped, "--alg", "AES256-GCM");

        result.Error.Should().Be("error: unknown --alg 'AES256-GCM'; valid: AES128, AES192, AES256" + Nl);
        hem.Requests.Should().BeEmpty();
    }
}
