using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class StorageCommandTests
{
    [TestMethod]
    [DataRow(new[] { "lock" }, "/api/storage/lock", "disk0 locked")]
    [DataRow(new[] { "unlock" }, "/api/storage/unlock", "disk0 unlocked read-only")]
    [DataRow(new[] { "unlock", "--rw" }, "/api/storage/unlock/rw", "disk0 unlocked read-write")]
    [DataRow(new[] { "unlock", "--ro" }, "/api/storage/unlock/ro", "disk0 unlocked read-only")]
    public async Task Each_verb_calls_its_endpoint_with_the_given_token(string[] verb, string path, string printed)
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", path, FakeReply.Status(200));

        // Act
        CliResult result = await new CliInvocation().RunAsync(
            ["storage", .. verb, "--url", hem.UrlText, "--token", "disk-token"]);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        RecordedRequest request = hem.Requests.Should().ContainSingle().Subject;
        request.Path.Should().Be(path);
        request.Authorization.Should().Be("Bearer disk-token");
        result.Out.Trim().Should().Be(printed);
    }

    [TestMethod]
    [DataRow(new[] { "unlock", "--disk", "1", "--rw" }, "storage:disk1:rw", "/api/storage/unlock/rw")]
    [DataRow(new[] { "unlock", "--disk", "1" }, "storage:disk1", "/api/storage/unlock")]
    [DataRow(new[] { "unlock", "--ro" }, "storage:disk0", "/api/storage/unlock/ro")]
    [DataRow(new[] { "lock", "--disk", "1" }, "storage:disk1", "/api/storage/lock")]
    public async Task Without_a_token_the_verb_logs_in_with_the_disk_scope(string[] verb, string scope, string path)
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/auth/token", FakeDeviceAuth.LoginChallenge());
        hem.On("POST", "/api/auth/token", FakeDeviceAuth.Login);
        hem.On("GET", path, FakeReply.Status(200));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = SharedVectors.Login.User.Passphrase;
        string issued = FakeDeviceAuth.BearerToken(scope, "U", CliInvocation.VectorNow, CliInvocation.VectorNow + 3600);

        // Act
        CliResult result = await cli.RunAsync(["storage", .. verb, "--url", hem.UrlText, "--json"]);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal(
            "GET /api/auth/token", "POST /api/auth/token", "GET " + path);
        hem.Requests[2].Authorization.Should().Be("Bearer " + issued);
        result.Out.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow(new[] { "unlock", "--rw", "--ro" }, "--rw and --ro exclude each other")]
    [DataRow(new[] { "lock", "--disk", "2" }, "--disk must be 0 or 1")]
    public async Task Bad_options_fail_before_any_request(string[] verb, string message)
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();

        // Act
        CliResult result = await new CliInvocation().RunAsync(["storage", .. verb, "--url", hem.UrlText, "--token", "t"]);

        // Assert
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(message);
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow("unlock", 403, "hint: the token's scope must start with storage:disk")]
    [DataRow("lock", 404, "hint: this device has no mass storage")]
    [DataRow("unlock", 406, "hint: the token's scope must name disk 0 or 1")]
    [DataRow("lock", 409, "hint: the device is uninitialised or a fault is latched")]
    public async Task Refusals_print_a_hint(string verb, int status, string hint)
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/storage/" + verb, FakeReply.Status(status));

        // Act
        CliResult result = await new CliInvocation().RunAsync("storage", verb, "--url", hem.UrlText, "--token", "t");

        // Assert
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(hint);
    }

    [TestMethod]
    public async Task Unlock_rw_refused_with_406_asks_for_the_rw_scope()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/storage/unlock/rw", FakeReply.Status(406));

        // Act
        CliResult result = await new CliInvocation().RunAsync("storage", "unlock", "--rw", "--url", hem.UrlText, "--token", "t");

        // Assert
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("hint: the token's scope must be storage:disk0:rw or storage:disk1:rw");
    }
}
