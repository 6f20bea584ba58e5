using FluentAssertions;
using HemSim.Cli.Tests.Fakes;
using static HemSim.Cli.Tests.Commands.CryptoCommandRig;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class CryptoCipherCommandTests
{
    private const string Encrypt = "/api/crypto/cipher/encrypt";
    private const string Decrypt = "/api/crypto/cipher/decrypt";
    private const string Ciphertext = "8J+Rj2hlbGxv";
    private const string Iv = "AAECAwQFBgcICQoLDA0ODw==";
    private const string Tag = "EBESExQVFhcYGRobHB0eHw==";
    private const string GcmAnswer = $$"""{"ciphertext":"{{Ciphertext}}","iv":"{{Iv}}","tag":"{{Tag}}"}""";

    [TestMethod]
    public async Task Encrypt_gcm_posts_msg_alg_and_aad_and_prints_ciphertext_iv_and_tag()
    {
        // Arrange
        await using FakeHem hem = await DeviceAsync(Encrypt, FakeReply.Json(GcmAnswer));

        // Act
        CliResult result = await RunAsync(hem, "crypto", "encrypt", Kid, "--msg", "hello", "--alg", "aes256-gcm", "--aad", "YWFk");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"{{Hello}}","alg":"AES256-GCM","aad":"YWFk"}""");
        result.Out.Should().Be($"ciphertext: {Ciphertext}{Nl}iv:         {Iv}{Nl}tag:        {Tag}{Nl}");
    }

    [TestMethod]
    public async Task Encrypt_ecb_prints_only_the_ciphertext()
    {
        await using FakeHem hem = await DeviceAsync(Encrypt, FakeReply.Json($$"""{"ciphertext":"{{Ciphertext}}"}"""));

        CliResult result = await RunAsync(hem, "crypto", "encrypt", Kid, "--msg-b64", Iv, "--alg", "AES128-ECB");

        result.Out.Should().Be($"ciphertext: {Ciphertext}{Nl}");
    }

    [TestMethod]
    public async Task Encrypt_in_ECDH_mode_sends_the_peer_and_ctx()
    {
        await using FakeHem hem = await DeviceAsync(Encrypt, FakeReply.Json(GcmAnswer));

        await RunAsync(hem, "crypto", "encrypt", Kid, "--msg", "hello", "--alg", "AES192-CBC", "--ext-kid", Peer, "--ctx", "Y3R4");

        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"{{Hello}}","alg":"AES192-CBC","ext_kid":"{{Peer}}","ctx":"Y3R4"}""");
    }

    [TestMethod]
    public async Task Encrypt_with_out_stores_the_ciphertext_and_still_prints_iv_and_tag()
    {
        await using FakeHem hem = await DeviceAsync(Encrypt, FakeReply.Json(GcmAnswer));
        string file = Path.Combine(Path.GetTempPath(), $"hemsim-ct-{Guid.NewGuid():N}.bin");

        try
        {
            CliResult result = await RunAsync(hem, "crypto", "encrypt", Kid, "--msg", "hello", "--alg", "AES256-GCM", "--out", file);

            File.ReadAllBytes(file).Should().Equal(Convert.FromBase64String(Ciphertext));
            result.Out.Should().Be($"wrote 9 bytes to {file}{Nl}iv:         {Iv}{Nl}tag:        {Tag}{Nl}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Encrypt_with_json_prints_only_the_device_answer()
    {
        await using FakeHem hem = await DeviceAsync(Encrypt, FakeReply.Json(GcmAnswer));

        CliResult result = await RunAsync(hem, "crypto", "encrypt", Kid, "--msg", "hello", "--alg", "AES256-GCM", "--json");

        result.Out.Should().Be(GcmAnswer + Nl);
    }

    [TestMethod]
    [DataRow(new[] { "--alg", "AES256-CBC", "--aad", "YWFk" }, "--aad applies to the GCM modes only", DisplayName = "aad with CBC")]
    [DataRow(new[] { "--alg", "AES256-GCM", "--ctx", "Y3R4" }, "--ctx applies to the ECDH key mode only", DisplayName = "ctx without a peer")]
    [DataRow(new[] { "--alg", "AES256" }, "unknown --alg 'AES256'; valid: AES128-ECB,", DisplayName = "wrap alg")]
    [DataRow(new[] { "--alg", "AES256-GCM", "--aad", "!" }, "--aad is not valid base64", DisplayName = "bad aad")]
    public async Task Encrypt_with_unusable_arguments_sends_nothing(string[] args, string message)
    {
        await using FakeHem hem = await DeviceAsync(Encrypt, FakeReply.Json(GcmAnswer));

        CliResult result = await RunAsync(hem, ["crypto", "encrypt", Kid, "--msg", "hello", .. args]);

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: " + message);
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Encrypt_answered_400_explains_the_ecb_block_rule()
    {
        await using FakeHem hem = await DeviceAsync(Encrypt, FakeReply.Status(400));

        CliResult result = await RunAsync(hem, "crypto", "encrypt", Kid, "--msg", "hello", "--alg", "AES256-ECB");

        result.Error.Should().Contain("hint: ").And.Contain("ECB input not a multiple of 16 bytes");
    }

    [TestMethod]
    public async Task Decrypt_gcm_posts_iv_tag_and_aad_and_prints_the_plaintext()
    {
        // Arrange
        await using FakeHem hem = await DeviceAsync(Decrypt, FakeReply.Json($$"""{"plaintext":"{{Hello}}"}"""));

        // Act
        CliResult result = await RunAsync(hem, "crypto", "decrypt", Kid, "--msg-b64", Ciphertext, "--alg", "AES256-GCM",
            "--iv", Iv, "--tag", Tag, "--aad", "YWFk", "--pubkey", "AAAA");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Be(
            $$"""{"kid":"{{Kid}}","msg":"{{Ciphertext}}","alg":"AES256-GCM","aad":"YWFk","pubkey":"AAAA","iv":"{{Iv}}","tag":"{{Tag}}"}""");
        result.Out.Should().Be(Hello + Nl);
    }

    [TestMethod]
    public async Task Decrypt_ecb_sends_neither_iv_nor_tag()
    {
        await using FakeHem hem = await DeviceAsync(Decrypt, FakeReply.Json($$"""{"plaintext":"{{Hello}}"}"""));

        await RunAsync(hem, "crypto", "decrypt", Kid, "--msg-b64", Iv, "--alg", "AES128-ECB");

        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"{{Iv}}","alg":"AES128-ECB"}""");
    }

    [TestMethod]
    [DataRow(new[] { "--alg", "AES256-CBC" }, "--iv is required for AES256-CBC", DisplayName = "CBC without iv")]
    [DataRow(new[] { "--alg", "AES256-GCM", "--iv", Iv }, "--tag is required for AES256-GCM", DisplayName = "GCM without tag")]
    [DataRow(new[] { "--alg", "AES256-ECB", "--iv", Iv }, "--iv applies to CBC and GCM only", DisplayName = "ECB with iv")]
    [DataRow(new[] { "--alg", "AES256-CBC", "--iv", Iv, "--tag", Tag }, "--tag applies to GCM only", DisplayName = "CBC with tag")]
    public async Task Decrypt_with_inconsistent_iv_or_tag_sends_nothing(string[] args, string message)
    {
        await using FakeHem hem = await DeviceAsync(Decrypt, FakeReply.Json($$"""{"plaintext":"{{Hello}}"}"""));

        CliResult result = await RunAsync(hem, ["crypto", "decrypt", Kid, "--msg-b64", Ciphertext, .. args]);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Be("error: " + message + Nl);
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Decrypt_answered_406_explains_an_authentication_failure()
    {
        await using FakeHem hem = await DeviceAsync(Decrypt, FakeReply.Status(406));

        CliResult result = await RunAsync(hem, "crypto", "decrypt", Kid, "--msg-b64", Ciphertext, "--alg", "AES256-GCM", "--iv", Iv, "--tag", Tag);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("hint: decryption failed: wrong key, iv, tag or aad, a modified ciphertext, or bad CBC padding");
    }
}
