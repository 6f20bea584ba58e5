using FluentAssertions;
using HemSim.Cli.Tests.Fakes;
using HemSim.TestKit;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class ImageSignCommandTests
{
    [TestMethod]
    public async Task Sign_without_key_says_on_stderr_that_it_uses_the_public_test_key()
    {
        using var scratch = new ScratchFolder();
        string input = scratch.Write("fw.bin", [1]);

        CliResult result = await Sign(scratch, "--kind", "firmware", "--version", "v1", "--in", input);

        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().Contain("PUBLISHED HemSim test key");
        result.Out.Should().StartWith($"wrote firmware image 'v1' to {scratch.File("out.img")}: 85 bytes, payload 1 bytes");
    }

    [TestMethod]
    public async Task Sign_with_a_key_file_prints_no_note_and_never_the_seed()
    {
        // Arrange
        using var scratch = new ScratchFolder();
        var cli = new CliInvocation();
        await cli.RunAsync("image", "keygen", "--out", scratch.File("vendor.key"));
        string seed = File.ReadAllText(scratch.File("vendor.key")).Trim();
        string input = scratch.Write("fw.bin", [1]);

        // Act
        CliResult result = await Sign(scratch, "--kind", "firmware", "--version", "v1", "--key", scratch.File("vendor.key"), "--in", input);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().BeEmpty();
        result.AllOutput.Should().NotContain(seed);
    }

    [TestMethod]
    public async Task Sign_of_a_dashboard_prints_the_uis_the_device_will_report()
    {
        using var scratch = new ScratchFolder();
        scratch.Write("ui/index.html", "<p>"u8.ToArray());
        byte[] tar = HemSim.Cli.Images.DashboardArchive.Load(scratch.File("ui"));

        CliResult result = await Sign(scratch, "--kind", "dashboard", "--version", "ui", "--in", scratch.File("ui"));

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain($"uis after install: {Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(tar))}");
    }

    [TestMethod]
    [DataRow("", "--version must be 1–64 UTF-8 bytes, not 0")]
    [DataRow("ééééééééééééééééééééééééééééééééx", "--version must be 1–64 UTF-8 bytes, not 65")]
    [DataRow("v1\tbeta", "--version must not contain control characters")]
    public async Task Sign_refuses_a_bad_version_and_writes_nothing(string version, string message)
    {
        using var scratch = new ScratchFolder();
        string input = scratch.Write("fw.bin", [1]);

        CliResult result = await Sign(scratch, "--kind", "firmware", "--version", version, "--in", input);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("error: " + message);
        File.Exists(scratch.File("out.img")).Should().BeFalse();
    }

    [TestMethod]
    public async Task Sign_refuses_a_firmware_image_over_3_MiB()
    {
        using var scratch = new ScratchFolder();
        // 3 MiB minus the 84 bytes of header, version "v1", lengths and signature is the largest payload; one more is too many.
        string input = scratch.Write("fw.bin", new byte[(3 * 1024 * 1024) - 84 + 1]);

        CliResult result = await Sign(scratch, "--kind", "firmware", "--version", "v1", "--in", input);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("would be 3145729 bytes; at most 3145728 bytes (3 MiB)");
    }

    [TestMethod]
    public async Task Sign_accepts_a_firmware_image_of_exactly_3_MiB()
    {
        using var scratch = new ScratchFolder();
        string input = scratch.Write("fw.bin", new byte[(3 * 1024 * 1024) - 84]);

        CliResult result = await Sign(scratch, "--kind", "firmware", "--version", "v1", "--in", input);

        result.ExitCode.Should().Be(0, result.Error);
        new FileInfo(scratch.File("out.img")).Length.Should().Be(3 * 1024 * 1024);
    }

    [TestMethod]
    public async Task Sign_refuses_diag_on_a_dashboard_and_an_empty_payload()
    {
        using var scratch = new ScratchFolder();
        scratch.Write("ui/index.html", [1]);
        string empty = scratch.Write("empty.bin", []);

        CliResult diag = await Sign(scratch, "--kind", "dashboard", "--diag", "--version", "v1", "--in", scratch.File("ui"));
        CliResult nothing = await Sign(scratch, "--kind", "firmware", "--version", "v1", "--in", empty);

        diag.ExitCode.Should().Be(1);
        diag.Error.Should().Contain("a dashboard image must have no flags");
        nothing.ExitCode.Should().Be(1);
        nothing.Error.Should().Contain("the payload is empty");
    }

    [TestMethod]
    public async Task Sign_refuses_a_firmware_version_ending_in_DIAG_without_diag()
    {
        using var scratch = new ScratchFolder();
        string input = scratch.Write("fw.bin", [1]);

        CliResult plain = await Sign(scratch, "--kind", "firmware", "--version", "v1-DIAG", "--in", input);
        File.Exists(scratch.File("out.img")).Should().BeFalse();
        CliResult diag = await Sign(scratch, "--kind", "firmware", "--diag", "--version", "v1-DIAG", "--in", input);

        plain.ExitCode.Should().Be(1);
        plain.Error.Should().Contain("error: --version ends in -DIAG but --diag is not given");
        diag.ExitCode.Should().Be(0, diag.Error);
    }

    [TestMethod]
    [DataRow("GNU long name claiming 4 GB")]
    [DataRow("metadata entry over 64 KiB")]
    [DataRow("pax size record overflowing")]
    [DataRow("pax uid record overflowing")]
    [DataRow("pax size record parting the header walk from the reader")]
    public async Task Sign_refuses_a_crafted_dashboard_tar_with_a_clear_error(string what)
    {
        // Arrange
        using var scratch = new ScratchFolder();
        const int big = (64 * 1024) + 1;
        byte[] tar = what switch
        {
            "GNU long name claiming 4 GB" => CraftedTar.Claiming('L', 4_000_000_000),
            "metadata entry over 64 KiB" => [.. CraftedTar.Header("././@LongLink", 'L', big), .. new byte[(big + 511) / 512 * 512], .. new byte[1024]],
            "pax size record overflowing" => CraftedTar.PaxRecord("size=99999999999999999999"),
            "pax size record parting the header walk from the reader" => CraftedTar.Desynchronised(),
            _ => CraftedTar.PaxRecord("uid=999999999999999999999"),
        };
        string input = scratch.Write("evil.tar", tar);

        // Act
        CliResult result = await Sign(scratch, "--kind", "dashboard", "--version", "ui", "--in", input);

        // Assert
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain($"error: '{input}' is neither a folder nor a readable tar archive");
        File.Exists(scratch.File("out.img")).Should().BeFalse();
    }

    [TestMethod]
    public async Task Sign_refuses_a_missing_input_and_an_unknown_kind()
    {
        using var scratch = new ScratchFolder();

        CliResult missing = await Sign(scratch, "--kind", "firmware", "--version", "v1", "--in", scratch.File("nope.bin"));
        CliResult kind = await Sign(scratch, "--kind", "bootloader", "--version", "v1", "--in", scratch.File("nope.bin"));

        missing.ExitCode.Should().Be(1);
        missing.Error.Should().Contain($"cannot read '{scratch.File("nope.bin")}'");
        kind.ExitCode.Should().NotBe(0);
        kind.Error.Should().Contain("bootloader");
    }

    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Sign_refuses_a_key_file_every_user_can_read()
    {
        // Arrange
        using var scratch = new ScratchFolder();
        await new CliInvocation().RunAsync("image", "keygen", "--out", scratch.File("vendor.key"));
        File.SetUnixFileMode(scratch.File("vendor.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        string input = scratch.Write("fw.bin", [1]);

        // Act
        CliResult result = await Sign(scratch, "--kind", "firmware", "--version", "v1", "--key", scratch.File("vendor.key"), "--in", input);

        // Assert
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("is readable by every user").And.Contain("chmod 600");
        File.Exists(scratch.File("out.img")).Should().BeFalse();
    }

    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Sign_refuses_a_key_file_that_is_not_a_base64_seed_without_echoing_it()
    {
        using var scratch = new ScratchFolder();
        string key = scratch.Write("vendor.key", "c2VjcmV0LWJ1dC10b28tc2hvcnQ="u8.ToArray());
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string input = scratch.Write("fw.bin", [1]);

        CliResult result = await Sign(scratch, "--kind", "firmware", "--version", "v1", "--key", key, "--in", input);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("must hold a 32-byte Ed25519 seed as base64");
        result.AllOutput.Should().NotContain("c2VjcmV0");
    }

    private static Task<CliResult> Sign(ScratchFolder scratch, params string[] options) =>
        new CliInvocation().RunAsync(["image", "sign", .. options, "--out", scratch.File("out.img")]);
}
