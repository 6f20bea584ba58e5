using FluentAssertions;
using HemSim.Cli.Tests.Fakes;
using static HemSim.Cli.Tests.Commands.CryptoCommandRig;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class CryptoPqcCommandTests
{
    private const string Encaps = "/api/crypto/pqc/mlkem/encaps";
    private const string Decaps = "/api/crypto/pqc/mlkem/decaps";
    private const string MlDsaSign = "/api/crypto/pqc/mldsa/sign";
    private const string MlDsaVerify = "/api/crypto/pqc/mldsa/verify";
    private const string Shared = "Sl2dW6TOLeFyjjv0gDUPJeB+IclH0Z4zdvCbPB4WF0I=";
    private const string Ciphertext = "Y2lwaGVydGV4dA==";
    private const string Signature = "c2lnbmF0dXJl";

    [TestMethod]
    public async Task Mlkem_encaps_posts_only_the_kid_and_prints_alg_ss_and_ct()
    {
        // Arrange
        await using FakeHem hem = await DeviceAsync(Encaps, FakeReply.Json($$"""{"alg":"MLKEM768","ss":"{{Shared}}","ct":"{{Ciphertext}}"}"""));

        // Act
        CliResult result = await RunAsync(hem, "crypto", "mlkem-encaps", Kid);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}"}""");
        result.Out.Should().Be($"alg: MLKEM768{Nl}ss:  {Shared}{Nl}ct:  {Ciphertext}{Nl}");
    }

    [TestMethod]
    public async Task Mlkem_encaps_with_out_stores_the_secret_and_prints_the_ciphertext()
    {
        await using FakeHem hem = await DeviceAsync(Encaps, FakeReply.Json($$"""{"alg":"MLKEM512","ss":"{{Shared}}","ct":"{{Ciphertext}}"}"""));
        string file = Path.Combine(Path.GetTempPath(), $"hemsim-ss-{Guid.NewGuid():N}.bin");

        try
        {
            CliResult result = await RunAsync(hem, "crypto", "mlkem-encaps", Kid, "--out", file);

            File.ReadAllBytes(file).Should().Equal(Convert.FromBase64String(Shared));
            result.Out.Should().Be($"alg: MLKEM512{Nl}wrote 32 bytes to {file}{Nl}ct:  {Ciphertext}{Nl}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Mlkem_encaps_of_an_imported_key_explains_the_quirk()
    {
        await using FakeHem hem = await DeviceAsync(Encaps, FakeReply.Status(406));

        CliResult result = await RunAsync(hem, "crypto", "mlkem-encaps", Kid);

        result.Error.Should().Contain("the device refuses imported public ML-KEM keys (spec §13.10 QUIRK; HemSim's --pqc-public-keys lifts it)");
    }

    [TestMethod]
    public async Task Mlkem_decaps_posts_the_ciphertext_and_prints_the_secret()
    {
        await using FakeHem hem = await DeviceAsync(Decaps, FakeReply.Json($$"""{"alg":"opaque","ss":"{{Shared}}"}"""));

        CliResult result = await RunAsync(hem, "crypto", "mlkem-decaps", Kid, "--ct", "Y2lwaGVydGV4dA");

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","ct":"{{Ciphertext}}"}""");
        result.Out.Should().Be(Shared + Nl);
    }

    [TestMethod]
    public async Task Mlkem_decaps_without_ct_sends_nothing()
    {
        await using FakeHem hem = await DeviceAsync(Decaps, FakeReply.Json($$"""{"alg":"opaque","ss":"{{Shared}}"}"""));

        CliResult result = await RunAsync(hem, "crypto", "mlkem-decaps", Kid);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--ct");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Mldsa_sign_posts_msg_and_ctx_and_prints_the_signature()
    {
        await using FakeHem hem = await DeviceAsync(MlDsaSign, FakeReply.Json($$"""{"alg":"MLDSA65","sign":"{{Signature}}"}"""));

        CliResult result = await RunAsync(hem, "crypto", "mldsa-sign", Kid, "--msg", "hello", "--ctx", "Y3R4");

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"{{Hello}}","ctx":"Y3R4"}""");
        result.Out.Should().Be(Signature + Nl);
    }

    [TestMethod]
    public async Task Mldsa_verify_posts_the_signature_and_prints_valid()
    {
        await using FakeHem hem = await DeviceAsync(MlDsaVerify, FakeReply.Json(""));

        CliResult result = await RunAsync(hem, "crypto", "mldsa-verify", Kid, "--msg", "hello", "--signature", Signature);

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"{{Hello}}","sign":"{{Signature}}"}""");
        result.Out.Should().Be("valid" + Nl);
    }

    [TestMethod]
    public async Task Mldsa_verify_answered_795_is_the_verdict_invalid()
    {
        // QUIRK (spec §13.13, §22 #14): firmware 1.2.2 leaks the library's error number as the status.
        await using FakeHem hem = await DeviceAsync(MlDsaVerify, new FakeReply(795, ""));

        CliResult result = await RunAsync(hem, "crypto", "mldsa-verify", Kid, "--msg", "hello", "--signature", Signature);

        result.ExitCode.Should().Be(1);
        result.Out.Should().Be("invalid (795): the signature does not verify" + Nl);
        result.Error.Should().Be("hint: 795 is how firmware 1.2.2 reports a failed ML-DSA verification (spec §13.13 QUIRK)" + Nl);
    }

    [TestMethod]
    public async Task Mldsa_verify_answered_406_is_the_verdict_invalid_with_the_other_causes()
    {
        // --strict-mldsa-verify answers 406; so does a public-only imported key (spec §13.13 QUIRK).
        await using FakeHem hem = await DeviceAsync(MlDsaVerify, FakeReply.Status(406));

        CliResult result = await RunAsync(hem, "crypto", "mldsa-verify", Kid, "--msg", "hello", "--signature", Signature);

        result.ExitCode.Should().Be(1);
        result.Out.Should().Be("invalid (406): the signature does not verify" + Nl);
        result.Error.Should().StartWith("hint: 406 also answers a missing key");
    }
}
