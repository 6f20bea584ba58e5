using FluentAssertions;
using HemSim.Cli.Tests.Fakes;
using static HemSim.Cli.Tests.Commands.CryptoCommandRig;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class CryptoSignCommandTests
{
    private const string Sign = "/api/crypto/exdsa/sign";
    private const string Verify = "/api/crypto/exdsa/verify";
    private const string Signature = "MEUCIQDn5Ue3Z8H0j5Wj0X3u8u0Ylq8C1lqvR8mJ9Y0bzL3yXAIgTp1kVd2jvQ8s1S6b0gK6w8o2l7Jb0o3Jt6o9a8m7n6U=";

    [TestMethod]
    public async Task Sign_posts_msg_alg_and_ctx_and_prints_the_signature()
    {
        // Arrange
        await using FakeHem hem = await DeviceAsync(Sign, FakeReply.Json($$"""{"sign":"{{Signature}}"}"""));

        // Act
        CliResult result = await RunAsync(hem, "crypto", "sign", Kid, "--msg", "hello", "--alg", "ed25519CTX", "--ctx", "Y3R4");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        RecordedRequest request = hem.Requests.Should().ContainSingle().Subject;
        request.Authorization.Should().Be("Bearer " + Token);
        request.Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"{{Hello}}","alg":"Ed25519ctx","ctx":"Y3R4"}""");
        result.Out.Should().Be(Signature + Nl);
    }

    [TestMethod]
    public async Task Sign_reads_the_message_bytes_from_a_file()
    {
        await using FakeHem hem = await DeviceAsync(Sign, FakeReply.Json($$"""{"sign":"{{Signature}}"}"""));
        string file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, [0x00, 0xFF, 0x10, 0x80]);

        try
        {
            CliResult result = await RunAsync(hem, "crypto", "sign", Kid, "--in", file, "--alg", "SHA256WithECDSA");

            result.ExitCode.Should().Be(0, result.Error);
            hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"AP8QgA==","alg":"SHA256WithECDSA"}""");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Sign_reads_the_message_bytes_from_standard_input()
    {
        await using FakeHem hem = await DeviceAsync(Sign, FakeReply.Json($$"""{"sign":"{{Signature}}"}"""));
        var invocation = new CliInvocation { Input = new ScriptedConsoleInput(interactive: false) { StandardInputBytes = [0x00, 0xFF, 0x10, 0x80] } };

        CliResult result = await invocation.RunAsync(["crypto", "sign", Kid, "--in", "-", "--alg", "SHA256WithECDSA", "--url", hem.UrlText, "--token", Token]);

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"AP8QgA==","alg":"SHA256WithECDSA"}""");
        result.Out.Should().Be(Signature + Nl);
    }

    [TestMethod]
    public async Task Sign_sends_an_empty_message()
    {
        await using FakeHem hem = await DeviceAsync(Sign, FakeReply.Json($$"""{"sign":"{{Signature}}"}"""));

        await RunAsync(hem, "crypto", "sign", Kid, "--msg", "", "--alg", "Ed448");

        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"","alg":"Ed448"}""");
    }

    [TestMethod]
    public async Task Sign_without_alg_sends_nothing()
    {
        await using FakeHem hem = await DeviceAsync(Sign, FakeReply.Status(500));

        CliResult result = await RunAsync(hem, "crypto", "sign", Kid, "--msg", "hello");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--alg");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Sign_with_an_unknown_alg_lists_the_eight_and_sends_nothing()
    {
        await using FakeHem hem = await DeviceAsync(Sign, FakeReply.Status(500));

        CliResult result = await RunAsync(hem, "crypto", "sign", Kid, "--msg", "hello", "--alg", "RSA-PSS");

        result.Error.Should().Be("error: unknown --alg 'RSA-PSS'; valid: SHA256WithECDSA, SHA384WithECDSA, SHA512WithECDSA, "
            + "Ed25519, Ed25519ph, Ed25519ctx, Ed448, Ed448ph" + Nl);
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Sign_refused_with_406_names_the_causes()
    {
        await using FakeHem hem = await DeviceAsync(Sign, FakeReply.Status(406));

        CliResult result = await RunAsync(hem, "crypto", "sign", Kid, "--msg", "hello", "--alg", "SHA256WithECDSA");

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: 406 operation failed (e.g. keystore full)" + Nl + "hint: no key with this kid, a key that cannot sign");
    }

    [TestMethod]
    public async Task Sign_over_plain_http_reports_418()
    {
        await using FakeHem hem = await DeviceAsync(Sign, FakeReply.Status(418));

        CliResult result = await RunAsync(hem, "crypto", "sign", Kid, "--msg", "hello", "--alg", "Ed25519");

        result.Error.Should().Be("error: 418 TLS required — use https" + Nl);
    }

    [TestMethod]
    public async Task Sign_with_a_token_for_another_kid_explains_the_exact_scope()
    {
        await using FakeHem hem = await DeviceAsync(Sign, FakeReply.Status(403));

        CliResult result = await RunAsync(hem, "crypto", "sign", Kid, "--msg", "hello", "--alg", "Ed25519");

        result.Error.Should().EndWith("hint: the token's scope is not exactly keymgmt:use:<KID> for this kid, or it is an admin token (admins cannot use keys)" + Nl);
    }

    [TestMethod]
    public async Task Sign_with_a_message_too_large_for_the_device_explains_413()
    {
        await using FakeHem hem = await DeviceAsync(Sign, FakeReply.Status(413));

        CliResult result = await RunAsync(hem, "crypto", "sign", Kid, "--msg", "hello", "--alg", "Ed25519");

        result.Error.Should().Contain("hint: the request is too large: the device takes JSON bodies of at most 7300 bytes");
    }

    [TestMethod]
    public async Task Verify_posts_the_signature_and_prints_valid()
    {
        // Arrange
        await using FakeHem hem = await DeviceAsync(Verify, FakeReply.Json(""));

        // Act
        CliResult result = await RunAsync(hem, "crypto", "verify", Kid, "--msg", "hello", "--alg", "SHA512WithECDSA", "--signature", Signature);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","msg":"{{Hello}}","alg":"SHA512WithECDSA","sign":"{{Signature}}"}""");
        result.Out.Should().Be("valid" + Nl);
        result.Error.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Verify_answered_406_is_the_verdict_invalid_with_exit_code_1()
    {
        await using FakeHem hem = await DeviceAsync(Verify, FakeReply.Status(406));

        CliResult result = await RunAsync(hem, "crypto", "verify", Kid, "--msg", "hello", "--alg", "Ed25519", "--signature", Signature);

        result.ExitCode.Should().Be(1);
        result.Out.Should().Be("invalid (406): the signature does not verify" + Nl);
        result.Error.Should().StartWith("hint: 406 also answers a key that is missing or unsuitable: no key with this kid");
    }

    [TestMethod]
    public async Task Verify_with_json_keeps_stdout_for_the_device_answer()
    {
        await using FakeHem hem = await DeviceAsync(Verify, FakeReply.Status(406));

        CliResult result = await RunAsync(hem, "crypto", "verify", Kid, "--msg", "hello", "--alg", "Ed25519", "--signature", Signature, "--json");

        result.ExitCode.Should().Be(1);
        result.Out.Should().BeEmpty();
        result.Error.Should().StartWith("invalid (406): the signature does not verify" + Nl);
    }

    [TestMethod]
    public async Task Verify_valid_with_json_prints_nothing()
    {
        await using FakeHem hem = await DeviceAsync(Verify, FakeReply.Json(""));

        CliResult result = await RunAsync(hem, "crypto", "verify", Kid, "--msg", "hello", "--alg", "Ed25519", "--signature", Signature, "--json");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Verify_answered_403_is_an_error_not_a_verdict()
    {
        await using FakeHem hem = await DeviceAsync(Verify, FakeReply.Status(403));

        CliResult result = await RunAsync(hem, "crypto", "verify", Kid, "--msg", "hello", "--alg", "Ed25519", "--signature", Signature);

        result.ExitCode.Should().Be(1);
        result.Out.Should().BeEmpty();
        result.Error.Should().StartWith("error: 403 forbidden");
    }

    [TestMethod]
    public async Task Verify_without_a_signature_sends_nothing()
    {
        await using FakeHem hem = await DeviceAsync(Verify, FakeReply.Json(""));

        CliResult result = await RunAsync(hem, "crypto", "verify", Kid, "--msg", "hello", "--alg", "Ed25519");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--signature");
        hem.Requests.Should().BeEmpty();
    }
}
