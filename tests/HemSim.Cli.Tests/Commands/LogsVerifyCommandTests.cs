using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class LogsVerifyCommandTests
{
    [TestMethod]
    public async Task Verify_with_a_key_says_the_file_verifies_and_exits_0()
    {
        await using var file = await LogFile.WriteAsync(SignedLog.Build(SignedLog.Seed, records: 5));
        string key = Convert.ToBase64String(SignedLog.PublicKey(SignedLog.Seed));

        CliResult result = await new CliInvocation().RunAsync("logs", "verify", file.Path, "--key", key);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Be($"{file.Path}: verified, 5 records, 1 signed key(s) (logger key {key}){Environment.NewLine}");
    }

    [TestMethod]
    public async Task Verify_names_the_first_bad_line_and_exits_1()
    {
        // Arrange: one changed character in the time field of record 3 (line 5).
        byte[] bytes = SignedLog.Build(SignedLog.Seed, records: 6);
        string[] lines = System.Text.Encoding.ASCII.GetString(bytes).Split('\n');
        int offset = lines.Take(4).Sum(l => l.Length + 1) + 2;
        bytes[offset] ^= 0x01;
        await using var file = await LogFile.WriteAsync(bytes);

        // Act
        CliResult result = await new CliInvocation().RunAsync(
            "logs", "verify", file.Path, "--key", Convert.ToBase64String(SignedLog.PublicKey(SignedLog.Seed)));

        // Assert
        result.ExitCode.Should().Be(1);
        result.Out.Should().StartWith($"{file.Path}: does NOT verify: line 5: ");
    }

    [TestMethod]
    public async Task Verify_with_json_reports_line_and_reason()
    {
        await using var file = await LogFile.WriteAsync(SignedLog.Build(SignedLog.Seed, records: 2));

        CliResult result = await new CliInvocation().RunAsync(
            "logs", "verify", file.Path, "--json", "--key", VendorSample.Key);

        result.ExitCode.Should().Be(1);
        result.Out.Should().Be(
            """{"verified":false,"line":2,"reason":"KEY_INIT: the key's signature does not verify with the logger key","records":0,"key_inits":0}"""
            + Environment.NewLine);
    }

    [TestMethod]
    public async Task Verify_without_a_key_fetches_it_from_the_device_and_checks_its_nonce_signature()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/logger/key", FakeReply.Json(VendorSample.KeyAnswer));
        await using var file = await LogFile.WriteAsync(System.Text.Encoding.ASCII.GetBytes(VendorSample.File));

        // Act
        CliResult result = await new CliInvocation().RunAsync("logs", "verify", file.Path, "--url", hem.UrlText, "--token", "t");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Should().ContainSingle().Which.Path.Should().Be("/api/logger/key");
        result.Out.Should().Contain("verified, 7 records, 1 signed key(s)");
    }

    [TestMethod]
    public async Task Verify_refuses_a_device_key_whose_nonce_signature_does_not_verify()
    {
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/logger/key", FakeReply.Json(VendorSample.KeyAnswer.Replace(VendorSample.Nonce, "Q4M0YrCmPemejJg2zRYFPl4uZu7p8kG1IQDnrRHLMZg=")));
        await using var file = await LogFile.WriteAsync(System.Text.Encoding.ASCII.GetBytes(VendorSample.File));

        CliResult result = await new CliInvocation().RunAsync("logs", "verify", file.Path, "--url", hem.UrlText, "--token", "t");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("nonce_signed does not verify");
        result.Out.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow("AAAA")]
    [DataRow("not base64!")]
    public async Task Verify_refuses_a_key_that_is_not_32_bytes_of_base64(string key)
    {
        await using var file = await LogFile.WriteAsync(SignedLog.Build(SignedLog.Seed, records: 2));

        CliResult result = await new CliInvocation().RunAsync("logs", "verify", file.Path, "--key", key);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--key must be 32 bytes");
    }

    [TestMethod]
    public async Task Verify_reports_a_missing_file()
    {
        CliResult result = await new CliInvocation().RunAsync("logs", "verify", "/nonexistent/hemsim.log", "--key", VendorSample.Key);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("cannot read '/nonexistent/hemsim.log'");
    }

    /// <summary>A temporary file holding a log, deleted on dispose.</summary>
    private sealed class LogFile : IAsyncDisposable
    {
        private LogFile(string path) => Path = path;

        public string Path { get; }

        public static async Task<LogFile> WriteAsync(byte[] bytes)
        {
            var file = new LogFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hemsim-logs-{Guid.NewGuid():N}.log"));
            await File.WriteAllBytesAsync(file.Path, bytes);
            return file;
        }

        public ValueTask DisposeAsync()
        {
            File.Delete(Path);
            return ValueTask.CompletedTask;
        }
    }
}
