using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class KeysImportCommandTests
{
    private const string Token = "imp-token";
    private const string Kid = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static readonly string s_x25519 = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [TestMethod]
    public async Task Import_posts_label_type_pubkey_mode_and_descr_and_prints_the_kid()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/import", FakeReply.Json($$"""{"kid":"{{Kid}}"}"""));

        // Act
        CliResult result = await new CliInvocation().RunAsync(
            "keys", "import", "--type", "curve25519", "--label", "peer", "--pubkey-b64", s_x25519.TrimEnd('='), "--mode", "ECDH", "--descr", "E2E:peer",
            "--url", hem.UrlText, "--token", Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        RecordedRequest import = hem.Requests.Should().ContainSingle().Subject;
        import.Authorization.Should().Be("Bearer " + Token);
        import.Body.Should().Be($$"""{"label":"peer","type":"CURVE25519","pubkey":"{{s_x25519}}","mode":"ECDH","descr":"RTJFOnBlZXI="}""");
        result.Out.Should().Be(Kid + Environment.NewLine);
    }

    [TestMethod]
    public async Task Import_takes_a_compressed_p256_point_made_by_dotnet()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/import", FakeReply.Json($$"""{"kid":"{{Kid}}"}"""));
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ECPoint q = ecdsa.ExportParameters(false).Q;
        byte[] compressed = [(byte)(0x02 | (q.Y![^1] & 1)), .. q.X!];

        CliResult result = await new CliInvocation().RunAsync(
            "keys", "import", "--type", "SECP256R1", "--label", "p256", "--pubkey-b64", Convert.ToBase64String(compressed), "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Contain($"\"pubkey\":\"{Convert.ToBase64String(compressed)}\"");
    }

    [TestMethod]
    public async Task Import_of_a_key_already_stored_reports_406_with_its_meaning()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/import", FakeReply.Status(406));

        CliResult result = await new CliInvocation().RunAsync(
            "keys", "import", "--type", "CURVE25519", "--label", "peer", "--pubkey-b64", s_x25519, "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: 406 operation failed").And.Contain("hint: the key is already stored");
    }

    [TestMethod]
    [DataRow("AES256", "AAAA", "AES256 cannot be imported", DisplayName = "symmetric type")]
    [DataRow("RSA2048", "AAAA", "unknown key type 'RSA2048'", DisplayName = "unknown type")]
    [DataRow("ED25519", "AAAA", "a ED25519 public key is 32 bytes, this one is 3", DisplayName = "short key")]
    [DataRow("CURVE25519", "!!", "--pubkey-b64 is not valid base64", DisplayName = "not base64")]
    [DataRow("SECP256R1", "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "must be a compressed point", DisplayName = "04 prefix")]
    public async Task Import_with_an_unusable_key_sends_nothing(string type, string pubkey, string message)
    {
        await using FakeHem hem = await FakeHem.StartAsync();

        CliResult result = await new CliInvocation().RunAsync(
            "keys", "import", "--type", type, "--label", "peer", "--pubkey-b64", pubkey, "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(message);
        hem.Requests.Should().BeEmpty();
    }
}
