using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

public sealed partial class UpgradeCommandTests
{
    [TestMethod]
    public async Task Fw_uploads_polls_and_installs_with_one_login()
    {
        // Arrange
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json(Fresh));
        hem.On("POST", UploadFw, 200);
        hem.On("GET", CheckFw, 201, 202, 200);
        hem.On("GET", InstallFw, 200);
        using var scratch = new ScratchFolder();
        string file = scratch.Write("fw.img", FirmwareSignedImage.Create(1, "v2", [5], FirmwareSignedImage.TestSeed()));

        // Act
        CliResult result = await new CliInvocation().RunAsync("upgrade", "fw", file, "--poll", "0", "--url", hem.UrlText);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Calls.Should().Equal(
            "GET /api/system/status", $"POST {UploadFw}", $"GET {CheckFw}", $"GET {CheckFw}", $"GET {CheckFw}", $"GET {InstallFw}");
        result.Out.Should().Contain("uploaded: 85 bytes as firmware.bin")
            .And.Contain("verified: the firmware image is valid")
            .And.Contain("installing: the device reboots");
    }

    [TestMethod]
    public async Task Ui_does_not_install_an_image_that_failed_verification()
    {
        // Arrange
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("POST", UploadUi, 200);
        hem.On("GET", CheckUi, 201, 406);
        hem.On("GET", InstallUi, 200);
        using var scratch = new ScratchFolder();
        string file = scratch.Write("ui.img", [1, 2, 3]);

        // Act
        CliResult result = await new CliInvocation().RunAsync("upgrade", "ui", file, "--poll", "0", "--url", hem.UrlText, "--token", "t");

        // Assert
        result.ExitCode.Should().Be(1);
        hem.Calls.Should().Equal($"POST {UploadUi}", $"GET {CheckUi}", $"GET {CheckUi}");
        hem.Requests[0].ContentDisposition.Should().Be("attachment; filename=\"webroot.tar\"");
        result.Error.Should().Contain("error: 406: failed verification: the dashboard image");
    }

    [TestMethod]
    public async Task Fw_with_json_prints_only_the_outcome()
    {
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("POST", UploadFw, 200);
        hem.On("GET", CheckFw, 200);
        hem.On("GET", InstallFw, 200);
        using var scratch = new ScratchFolder();
        string file = scratch.Write("fw.img", [1]);

        CliResult result = await new CliInvocation().RunAsync("upgrade", "fw", file, "--poll", "0", "--url", hem.UrlText, "--token", "t", "--json");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Be("""{"status":200,"result":"installed"}""" + Environment.NewLine);
    }
}
