using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

[TestClass]
public sealed class ImageKeyCommandTests
{
    [TestMethod]
    [OSCondition(ConditionMode.Exclude, OperatingSystems.Windows)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Keygen_writes_an_owner_only_base64_seed_and_prints_only_the_public_key()
    {
        // Arrange
        using var scratch = new ScratchFolder();

        // Act
        CliResult result = await new CliInvocation().RunAsync("image", "keygen", "--out", scratch.File("vendor.key"));

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        string seed = File.ReadAllText(scratch.File("vendor.key")).Trim();
        Convert.FromBase64String(seed).Should().HaveCount(32);
        File.GetUnixFileMode(scratch.File("vendor.key")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        result.AllOutput.Should().NotContain(seed);
        result.Out.Should().Contain("--vendor-key ");
    }

    [TestMethod]
    public async Task Keygen_never_overwrites_an_existing_file()
    {
        using var scratch = new ScratchFolder();
        string existing = scratch.Write("vendor.key", "keep me"u8.ToArray());

        CliResult result = await new CliInvocation().RunAsync("image", "keygen", "--out", existing);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain($"cannot create '{existing}'");
        File.ReadAllText(existing).Should().Be("keep me");
    }

    [TestMethod]
    public async Task Key_prints_the_public_key_that_keygen_announced()
    {
        // Arrange
        using var scratch = new ScratchFolder();
        var cli = new CliInvocation();
        CliResult made = await cli.RunAsync("image", "keygen", "--out", scratch.File("vendor.key"));
        string announced = made.Out.Split('\n').Single(line => line.StartsWith("public key: ", StringComparison.Ordinal))["public key: ".Length..];

        // Act
        CliResult result = await cli.RunAsync("image", "key", "--key", scratch.File("vendor.key"), "--json");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Trim().Should().Be($$"""{"fwk":"{{announced}}"}""");
        result.Error.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Two_keygens_make_different_keys()
    {
        using var scratch = new ScratchFolder();
        var cli = new CliInvocation();

        await cli.RunAsync("image", "keygen", "--out", scratch.File("a.key"));
        await cli.RunAsync("image", "keygen", "--out", scratch.File("b.key"));

        File.ReadAllText(scratch.File("a.key")).Should().NotBe(File.ReadAllText(scratch.File("b.key")));
    }

    [TestMethod]
    public async Task Inspect_refuses_a_vendor_key_that_is_not_32_bytes_and_a_file_that_is_no_image()
    {
        using var scratch = new ScratchFolder();
        string file = scratch.Write("junk.img", [1, 2, 3]);

        CliResult badKey = await new CliInvocation().RunAsync("image", "inspect", file, "--vendor-key", "AAAA");
        CliResult junk = await new CliInvocation().RunAsync("image", "inspect", file);

        badKey.ExitCode.Should().Be(1);
        badKey.Error.Should().Contain("--vendor-key must be a 32-byte Ed25519 public key");
        junk.ExitCode.Should().Be(1);
        junk.Error.Should().Contain("is not a valid image: not a HemSim signed image");
    }
}
