using FluentAssertions;
using HemSim.Cli.Tests.Fakes;
using static HemSim.Cli.Tests.Commands.CryptoCommandRig;

namespace HemSim.Cli.Tests.Commands;

/// <summary>Without a token, every <c>crypto</c> verb logs in as the user for exactly <c>keymgmt:use:&lt;KID&gt;</c> (spec §5.4, §13).</summary>
[TestClass]
public sealed class CryptoLoginScopeTests
{
    private const string Answer =
        """{"mac":"AA==","sign":"AA==","ciphertext":"AA==","plaintext":"AA==","wrapped":"AA==","unwrapped":"AA==","ecdh":"AA==","alg":"MLKEM768","ss":"AA==","ct":"AA=="}""";

    [TestMethod]
    [DataRow("/api/crypto/hmac/hash", new[] { "hmac", "--msg", "m" }, DisplayName = "hmac")]
    [DataRow("/api/crypto/hmac/verify", new[] { "hmac-verify", "--msg", "m", "--mac", "AA==" }, DisplayName = "hmac-verify")]
    [DataRow("/api/crypto/exdsa/sign", new[] { "sign", "--msg", "m", "--alg", "Ed25519" }, DisplayName = "sign")]
    [DataRow("/api/crypto/exdsa/verify", new[] { "verify", "--msg", "m", "--alg", "Ed25519", "--signature", "AA==" }, DisplayName = "verify")]
    [DataRow("/api/crypto/cipher/encrypt", new[] { "encrypt", "--msg", "m", "--alg", "AES256-ECB" }, DisplayName = "encrypt")]
    [DataRow("/api/crypto/cipher/decrypt", new[] { "decrypt", "--msg", "m", "--alg", "AES256-ECB" }, DisplayName = "decrypt")]
    [DataRow("/api/crypto/cipher/wrap", new[] { "wrap", "--msg", "m" }, DisplayName = "wrap")]
    [DataRow("/api/crypto/cipher/unwrap", new[] { "unwrap", "--msg", "m" }, DisplayName = "unwrap")]
    [DataRow("/api/crypto/ecdh", new[] { "ecdh", "--ext-kid", Peer }, DisplayName = "ecdh")]
    [DataRow("/api/crypto/pqc/mlkem/encaps", new[] { "mlkem-encaps" }, DisplayName = "mlkem-encaps")]
    [DataRow("/api/crypto/pqc/mlkem/decaps", new[] { "mlkem-decaps", "--ct", "AA==" }, DisplayName = "mlkem-decaps")]
    [DataRow("/api/crypto/pqc/mldsa/sign", new[] { "mldsa-sign", "--msg", "m" }, DisplayName = "mldsa-sign")]
    [DataRow("/api/crypto/pqc/mldsa/verify", new[] { "mldsa-verify", "--msg", "m", "--signature", "AA==" }, DisplayName = "mldsa-verify")]
    public async Task Crypto_verb_without_a_token_logs_in_for_the_key_use_scope_first(string path, string[] args)
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/auth/token", FakeDeviceAuth.LoginChallenge());
        hem.On("POST", "/api/auth/token", FakeDeviceAuth.Login);
        hem.On("POST", path, FakeReply.Json(Answer));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = SharedVectors.Login.User.Passphrase;
        string issued = FakeDeviceAuth.BearerToken("keymgmt:use:" + Kid, "U", CliInvocation.VectorNow, CliInvocation.VectorNow + 3600);

        // Act: the kid in upper case, as a user may paste it; the scope embeds the device's lowercase spelling.
        CliResult result = await cli.RunAsync(["crypto", args[0], Kid.ToUpperInvariant(), .. args[1..], "--url", hem.UrlText]);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(request => $"{request.Method} {request.Path}").Should().Equal("GET /api/auth/token", "POST /api/auth/token", "POST " + path);
        hem.Requests[2].Authorization.Should().Be("Bearer " + issued);
        hem.Requests[2].Body.Should().StartWith($$"""{"kid":"{{Kid}}""");
        result.AllOutput.Should().NotContain(issued);
    }

    [TestMethod]
    public async Task Crypto_verb_with_HEMSIM_TOKEN_does_not_log_in()
    {
        await using FakeHem hem = await DeviceAsync("/api/crypto/pqc/mlkem/encaps", FakeReply.Json(Answer));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_TOKEN"] = "env-token";

        CliResult result = await cli.RunAsync("crypto", "mlkem-encaps", Kid, "--url", hem.UrlText);

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer env-token");
    }

    [TestMethod]
    public async Task Crypto_verb_without_any_passphrase_stops_before_any_request()
    {
        await using FakeHem hem = await DeviceAsync("/api/crypto/exdsa/sign", FakeReply.Json(Answer));

        CliResult result = await new CliInvocation().RunAsync("crypto", "sign", Kid, "--msg", "m", "--alg", "Ed25519", "--url", hem.UrlText);

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: no user passphrase");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Crypto_verb_with_a_rejected_login_gives_the_login_hint()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/auth/token", FakeDeviceAuth.LoginChallenge());
        hem.On("POST", "/api/auth/token", FakeReply.Status(401));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = "wrong";

        CliResult result = await cli.RunAsync("crypto", "mlkem-encaps", Kid, "--url", hem.UrlText);

        result.ExitCode.Should().Be(1);
        result.Error.Should().EndWith("hint: login rejected: wrong passphrase, or the challenge expired" + Nl);
    }
}
