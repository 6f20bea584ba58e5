using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class KeysDeriveCommandTests
{
    private const string Token = "gen-token";
    private const string Source = "3a1f0c9d8e7b6a5f4e3d2c1b0a998877";
    private const string Peer = "00112233445566778899aabbccddeeff";
    private const string Derived = "ffeeddccbbaa99887766554433221100";

    [TestMethod]
    public async Task Derive_with_a_stored_peer_posts_ext_kid_and_prints_the_new_kid()
    {
        // Arrange
        await using FakeHem hem = await StartDeviceAsync();

        // Act
        CliResult result = await new CliInvocation().RunAsync(
            "keys", "derive", "--kid", Source.ToUpperInvariant(), "--ext-kid", Peer, "--type", "aes256", "--label", "shared", "--descr", "E2E:d",
            "--url", hem.UrlText, "--token", Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        RecordedRequest derive = hem.Requests.Should().ContainSingle().Subject;
        derive.Authorization.Should().Be("Bearer " + Token);
        derive.Body.Should().Be($$"""{"kid":"{{Source}}","ext_kid":"{{Peer}}","label":"shared","type":"AES256","descr":"RTJFOmQ="}""");
        result.Out.Should().Be(Derived + Environment.NewLine);
    }

    [TestMethod]
    public async Task Derive_with_a_public_key_posts_it_as_standard_base64_with_the_mode()
    {
        await using FakeHem hem = await StartDeviceAsync();
        string peer = Convert.ToBase64String(Enumerable.Repeat((byte)0xFB, 32).ToArray());

        CliResult result = await new CliInvocation().RunAsync(
            "keys", "derive", "--kid", Source, "--pubkey-b64", peer.Replace('/', '_').TrimEnd('='), "--type", "SECP256R1", "--mode", "ECDH,ExDSA",
            "--label", "d", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Source}}","pubkey":"{{peer}}","label":"d","type":"SECP256R1","mode":"ECDH,ExDSA"}""");
    }

    [TestMethod]
    public async Task Derive_failure_reports_406_with_its_meaning()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/derive", FakeReply.Status(406));

        CliResult result = await new CliInvocation().RunAsync(
            "keys", "derive", "--kid", Source, "--ext-kid", Peer, "--type", "AES256", "--label", "d", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: 406 operation failed").And.Contain("hint: the source key is missing or cannot do ECDH");
    }

    [TestMethod]
    [DataRow(new[] { "--kid", Source, "--type", "AES256", "--label", "d" }, "--ext-kid KID or --pubkey-b64", DisplayName = "no peer")]
    [DataRow(new[] { "--kid", Source, "--ext-kid", Peer, "--pubkey-b64", "AAAA", "--type", "AES256", "--label", "d" }, "exclude each other", DisplayName = "two peers")]
    [DataRow(new[] { "--kid", "short", "--ext-kid", Peer, "--type", "AES256", "--label", "d" }, "--kid must be exactly 32 hex characters", DisplayName = "bad kid")]
    [DataRow(new[] { "--kid", Source, "--ext-kid", "short", "--type", "AES256", "--label", "d" }, "--ext-kid must be exactly 32 hex characters", DisplayName = "bad ext kid")]
    [DataRow(new[] { "--kid", Source, "--ext-kid", Peer, "--type", "MLKEM768", "--label", "d" }, "MLKEM768 cannot be derived", DisplayName = "PQC target")]
    [DataRow(new[] { "--kid", Source, "--ext-kid", Peer, "--type", "AES-256", "--label", "d" }, "unknown key type", DisplayName = "unknown type")]
    public async Task Derive_with_unusable_arguments_sends_nothing(string[] args, string message)
    {
        await using FakeHem hem = await StartDeviceAsync();

        CliResult result = await new CliInvocation().RunAsync(["keys", "derive", .. args, "--url", hem.UrlText, "--token", Token]);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(message);
        hem.Requests.Should().BeEmpty();
    }

    private static async Task<FakeHem> StartDeviceAsync()
    {
        FakeHem hem = await FakeHem.StartAsync();
        hem.On("POST", "/api/keymgmt/derive", FakeReply.Json($$"""{"kid":"{{Derived}}"}"""));
        return hem;
    }
}
