using System.Text;
using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class LogsGetCommandTests
{
    private const string Token = "logger-token";

    [TestMethod]
    public async Task Get_prints_the_file_exactly_as_sent()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/logger/62310ba5", new FakeReply(200, VendorSample.File));

        // Act
        CliResult result = await new CliInvocation().RunAsync("logs", "get", "62310ba5", "--url", hem.UrlText, "--token", Token);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer " + Token);
        result.Out.Should().Be(VendorSample.File);
    }

    [TestMethod]
    public async Task Get_with_out_stores_the_bytes_that_then_verify()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/logger/62310ba5", new FakeReply(200, VendorSample.File));
        string path = Path.Combine(Path.GetTempPath(), $"hemsim-logs-{Guid.NewGuid():N}.log");
        try
        {
            // Act
            CliResult result = await new CliInvocation().RunAsync("logs", "get", "62310BA5", "--out", path, "--url", hem.UrlText, "--token", Token);

            // Assert
            result.ExitCode.Should().Be(0, result.Error);
            hem.Requests.Single().Path.Should().Be("/api/logger/62310ba5", "the id goes out in the device's lowercase");
            File.ReadAllBytes(path).Should().Equal(Encoding.ASCII.GetBytes(VendorSample.File));
            result.Out.Should().Be($"wrote {VendorSample.File.Length} bytes to {path}{Environment.NewLine}");
            CliResult verify = await new CliInvocation().RunAsync("logs", "verify", path, "--key", VendorSample.Key);
            verify.ExitCode.Should().Be(0, verify.AllOutput);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    [DataRow("6231")]
    [DataRow("62310ba5f")]
    [DataRow("62310bxz")]
    public async Task Get_refuses_an_id_that_is_not_8_hex_characters_without_calling_the_device(string id)
    {
        await using FakeHem hem = await FakeHem.StartAsync();

        CliResult result = await new CliInvocation().RunAsync("logs", "get", id, "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("8 hex characters");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow(404, "no log file with this id")]
    [DataRow(406, "this is the file the device is writing now")]
    [DataRow(409, "the device is not initialised, or a fault is latched")]
    public async Task Get_explains_the_refusals(int status, string hint)
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/logger/62310ba5", FakeReply.Status(status));

        CliResult result = await new CliInvocation().RunAsync("logs", "get", "62310ba5", "--url", hem.UrlText, "--token", Token);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain($"error: {status}").And.Contain("hint: " + hint);
    }
}
