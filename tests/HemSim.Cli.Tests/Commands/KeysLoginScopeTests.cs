using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

/// <summary>Without a token, every <c>keys</c> verb logs in as the user with the scope its endpoint needs (spec §5.4).</summary>
[TestClass]
public sealed class KeysLoginScopeTests
{
    private const string Kid = "00112233445566778899aabbccddeeff";
    private const string Peer = "ffeeddccbbaa99887766554433221100";

    [TestMethod]
    [DataRow("keymgmt:list", "GET /api/keymgmt/list", new[] { "keys", "list" }, DisplayName = "list")]
    [DataRow("keymgmt:search", "POST /api/keymgmt/search", new[] { "keys", "search", "--descr", "E2E:" }, DisplayName = "search")]
    [DataRow("keymgmt:get", "GET /api/keymgmt/get/" + Kid, new[] { "keys", "get", Kid }, DisplayName = "get")]
    [DataRow("keymgmt:upd", "POST /api/keymgmt/update", new[] { "keys", "update", Kid, "--label", "k" }, DisplayName = "update")]
    [DataRow("keymgmt:del", "DELETE /api/keymgmt/delete/" + Kid, new[] { "keys", "delete", Kid }, DisplayName = "delete")]
    [DataRow("keymgmt:imp", "POST /api/keymgmt/import", new[] { "keys", "import", "--type", "CURVE25519", "--label", "k", "--pubkey-b64", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" }, DisplayName = "import")]
    [DataRow("keymgmt:gen", "POST /api/keymgmt/derive", new[] { "keys", "derive", "--kid", Kid, "--ext-kid", Peer, "--type", "AES256", "--label", "k" }, DisplayName = "derive")]
    public async Task Keys_verb_without_a_token_logs_in_with_its_scope_first(string scope, string call, string[] args)
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/auth/token", FakeDeviceAuth.LoginChallenge());
        hem.On("POST", "/api/auth/token", FakeDeviceAuth.Login);
        string[] parts = call.Split(' ');
        hem.On(parts[0], parts[1], FakeReply.Json(
            """{"offset":0,"deleted":0,"total":0,"listed":0,"list":[],"kid":"00112233445566778899aabbccddeeff","type":"AES256","updated":1}"""));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = SharedVectors.Login.User.Passphrase;
        string issued = FakeDeviceAuth.BearerToken(scope, "U", CliInvocation.VectorNow, CliInvocation.VectorNow + 3600);

        // Act
        CliResult result = await cli.RunAsync([.. args, "--url", hem.UrlText]);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(request => $"{request.Method} {request.Path}").Should().Equal("GET /api/auth/token", "POST /api/auth/token", call);
        hem.Requests[2].Authorization.Should().Be("Bearer " + issued);
        result.AllOutput.Should().NotContain(issued);
    }

    [TestMethod]
    public async Task Keys_verb_with_HEMSIM_TOKEN_does_not_log_in()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("DELETE", "/api/keymgmt/delete/" + Kid, FakeReply.Status(200));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_TOKEN"] = "env-token";

        CliResult result = await cli.RunAsync("keys", "delete", Kid, "--url", hem.UrlText);

        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer env-token");
    }
}
