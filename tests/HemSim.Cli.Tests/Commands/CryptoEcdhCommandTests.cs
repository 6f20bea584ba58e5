using FluentAssertions;
using HemSim.Cli.Tests.Fakes;
using static HemSim.Cli.Tests.Commands.CryptoCommandRig;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class CryptoEcdhCommandTests
{
    private const string Ecdh = "/api/crypto/ecdh";
    private const string Shared = "Sl2dW6TOLeFyjjv0gDUPJeB+IclH0Z4zdvCbPB4WF0I=";
    private const string PeerKey = "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=";

    [TestMethod]
    public async Task Ecdh_with_a_public_key_posts_it_and_prints_the_secret()
    {
        await using FakeHem hem = await DeviceAsync(Ecdh, FakeReply.Json($$"""{"ecdh":"{{Shared}}"}"""));

        CliResult result = await RunAsync(hem, "crypto", "ecdh", Kid, "--pubkey", PeerKey);

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","pubkey":"{{PeerKey}}"}""");
        result.Out.Should().Be(Shared + Nl);
    }

    [TestMethod]
    public async Task Ecdh_with_a_stored_peer_and_a_digest_sends_ext_kid_and_alg()
    {
        await using FakeHem hem = await DeviceAsync(Ecdh, FakeReply.Json($$"""{"ecdh":"{{Shared}}"}"""));

        await RunAsync(hem, "crypto", "ecdh", Kid, "--ext-kid", Kid, "--alg", "sha2-384");

        hem.Requests.Single().Body.Should().Be($$"""{"kid":"{{Kid}}","ext_kid":"{{Kid}}","alg":"SHA2-384"}""");
    }

    [TestMethod]
    public async Task Ecdh_without_a_peer_sends_nothing()
    {
        await using FakeHem hem = await DeviceAsync(Ecdh, FakeReply.Json($$"""{"ecdh":"{{Shared}}"}"""));

        CliResult result = await RunAsync(hem, "crypto", "ecdh", Kid);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Be("error: give the peer with --ext-kid KID or --pubkey B64" + Nl);
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Ecdh_answered_406_names_the_causes()
    {
        await using FakeHem hem = await DeviceAsync(Ecdh, FakeReply.Status(406));

        CliResult result = await RunAsync(hem, "crypto", "ecdh", Kid, "--pubkey", PeerKey);

        result.Error.Should().Contain("hint: no key with this kid, a key that cannot do ECDH");
    }
}
