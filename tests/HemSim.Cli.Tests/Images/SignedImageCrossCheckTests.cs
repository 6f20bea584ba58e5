using System.Formats.Tar;
using System.Text.Json;
using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Images;

/// <summary>
/// The CLI's signer and reader were written from docs/UPGRADE.md alone; here they meet the firmware's own
/// (Firmware/Upgrade/SignedImage.cs). Agreement both ways means the document, the signer and the device agree.
/// </summary>
[TestClass]
public sealed class SignedImageCrossCheckTests
{
    [TestMethod]
    public async Task Firmware_image_signed_by_the_cli_parses_and_verifies_in_the_firmware()
    {
        // Arrange
        using var scratch = new ScratchFolder();
        byte[] build = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i % 251))];
        string input = scratch.Write("fw.bin", build);

        // Act
        CliResult result = await new CliInvocation().RunAsync(
            "image", "sign", "--kind", "firmware", "--version", "Encedo nGINE FW v1.2.3", "--in", input, "--out", scratch.File("fw.img"));

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        FirmwareView? view = FirmwareSignedImage.TryParse(File.ReadAllBytes(scratch.File("fw.img")), out string problem);
        view.Should().NotBeNull(problem);
        view!.Kind.Should().Be("Firmware");
        view.Flags.Should().Be(0);
        view.Version.Should().Be("Encedo nGINE FW v1.2.3");
        view.Payload.Should().Equal(build);
        view.VerifiesWithTestKey.Should().BeTrue();
    }

    [TestMethod]
    public async Task Diag_flag_set_by_the_cli_is_the_firmware_diag_flag()
    {
        using var scratch = new ScratchFolder();
        string input = scratch.Write("fw.hex", [0x3a, 0x30]);

        CliResult result = await new CliInvocation().RunAsync(
            "image", "sign", "--kind", "firmware", "--diag", "--version", "v9-DIAG", "--in", input, "--out", scratch.File("fw.img"));

        result.ExitCode.Should().Be(0, result.Error);
        FirmwareSignedImage.TryParse(File.ReadAllBytes(scratch.File("fw.img")), out _)!.Flags.Should().Be(0x01);
    }

    [TestMethod]
    public async Task Dashboard_image_signed_by_the_cli_parses_in_the_firmware_with_the_folder_as_tar()
    {
        // Arrange
        using var scratch = new ScratchFolder();
        scratch.Write("ui/index.html", "<html></html>"u8.ToArray());
        scratch.Write("ui/js/app.js", "run()"u8.ToArray());

        // Act
        CliResult result = await new CliInvocation().RunAsync(
            "image", "sign", "--kind", "dashboard", "--version", "dashboard 2", "--in", scratch.File("ui"), "--out", scratch.File("ui.img"));

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        FirmwareView view = FirmwareSignedImage.TryParse(File.ReadAllBytes(scratch.File("ui.img")), out string problem)!;
        view.Should().NotBeNull(problem);
        view.Kind.Should().Be("Dashboard");
        view.VerifiesWithTestKey.Should().BeTrue();
        var names = new List<string>();
        using var reader = new TarReader(new MemoryStream(view.Payload));
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }
        names.Should().Equal("index.html", "js/", "js/app.js");
    }

    [TestMethod]
    public async Task Image_signed_with_an_own_key_verifies_in_the_firmware_only_with_that_key()
    {
        // Arrange
        using var scratch = new ScratchFolder();
        var cli = new CliInvocation();
        (await cli.RunAsync("image", "keygen", "--out", scratch.File("vendor.key"))).ExitCode.Should().Be(0);
        string publicKey = (await cli.RunAsync("image", "key", "--key", scratch.File("vendor.key"))).Out.Trim();
        string input = scratch.Write("fw.bin", [1, 2, 3]);

        // Act
        CliResult result = await cli.RunAsync("image", "sign", "--kind", "firmware", "--version", "own", "--key", scratch.File("vendor.key"),
            "--in", input, "--out", scratch.File("fw.img"));

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        byte[] image = File.ReadAllBytes(scratch.File("fw.img"));
        FirmwareSignedImage.Verifies(image, Convert.FromBase64String(publicKey)).Should().BeTrue();
        FirmwareSignedImage.Verifies(image, FirmwareSignedImage.TestPublicKey).Should().BeFalse();
    }

    [TestMethod]
    public async Task Test_key_printed_by_the_cli_is_the_firmware_default_vendor_key()
    {
        CliResult result = await new CliInvocation().RunAsync("image", "key");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Trim().Should().Be(Convert.ToBase64String(FirmwareSignedImage.TestPublicKey));
        result.Error.Should().Contain("PUBLISHED HemSim test key");
    }

    [TestMethod]
    [DataRow((byte)1, (byte)0, "firmware", false)]
    [DataRow((byte)1, (byte)1, "firmware", true)]
    [DataRow((byte)2, (byte)0, "dashboard", false)]
    public async Task Inspect_reads_an_image_made_by_the_firmware(byte kind, byte flags, string kindName, bool diag)
    {
        // Arrange
        using var scratch = new ScratchFolder();
        byte[] payload = [9, 8, 7, 6];
        string file = scratch.Write("made.img", FirmwareSignedImage.Create(kind, "Firmware-made v1", payload, FirmwareSignedImage.TestSeed(), flags));

        // Act
        CliResult result = await new CliInvocation().RunAsync("image", "inspect", file, "--json");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        using JsonDocument json = JsonDocument.Parse(result.Out);
        json.RootElement.GetProperty("kind").GetString().Should().Be(kindName);
        json.RootElement.GetProperty("version").GetString().Should().Be("Firmware-made v1");
        json.RootElement.GetProperty("diag").GetBoolean().Should().Be(diag);
        json.RootElement.GetProperty("payload_size").GetInt32().Should().Be(4);
        json.RootElement.GetProperty("payload_sha256").GetString().Should().Be(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(payload)));
        json.RootElement.GetProperty("valid").GetBoolean().Should().BeTrue();
    }

    [TestMethod]
    public async Task Inspect_says_invalid_for_a_firmware_made_image_with_one_payload_byte_changed()
    {
        // Arrange
        using var scratch = new ScratchFolder();
        byte[] image = FirmwareSignedImage.Create(1, "v1", [1, 2, 3, 4], FirmwareSignedImage.TestSeed());
        image[^65] ^= 0x01; // the last payload byte
        string file = scratch.Write("tampered.img", image);

        // Act
        CliResult result = await new CliInvocation().RunAsync("image", "inspect", file);

        // Assert
        result.ExitCode.Should().Be(1);
        result.Out.Should().Contain("verifies:   NO");
        result.Error.Should().Contain("signature does not verify");
        FirmwareSignedImage.Verifies(image, FirmwareSignedImage.TestPublicKey).Should().BeFalse("the firmware agrees");
    }
}
