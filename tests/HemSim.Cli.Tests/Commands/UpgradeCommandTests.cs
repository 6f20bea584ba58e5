using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

/// <summary>The single-step upgrade verbs against a scripted device (spec §11.9–§11.15).</summary>
[TestClass]
public sealed partial class UpgradeCommandTests
{
    private const string Fresh = """{"inited":false,"ctx":0,"uptime":3,"temp":31,"fls_state":0}""";
    private const string UploadFw = "/api/system/upgrade/upload_fw";
    private const string CheckFw = "/api/system/upgrade/check_fw";
    private const string InstallFw = "/api/system/upgrade/install_fw";
    private const string UploadUi = "/api/system/upgrade/upload_ui";
    private const string CheckUi = "/api/system/upgrade/check_ui";
    private const string InstallUi = "/api/system/upgrade/install_ui";
    private const string InstallBl = "/api/system/upgrade/install_bl";

    [TestMethod]
    public async Task Upload_fw_sends_the_raw_image_named_firmware_bin_without_a_token_on_a_fresh_device()
    {
        // Arrange
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json(Fresh));
        hem.On("POST", UploadFw, 200);
        using var scratch = new ScratchFolder();
        byte[] image = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i % 253))];
        string file = scratch.Write("fw.img", image);

        // Act
        CliResult result = await new CliInvocation().RunAsync("upgrade", "upload-fw", file, "--url", hem.UrlText);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        UploadRequest upload = hem.Requests.Single(r => r.Path == UploadFw);
        upload.Body.Should().Equal(image);
        upload.ContentType.Should().Be("application/octet-stream");
        upload.ContentDisposition.Should().Be("attachment; filename=\"firmware.bin\"");
        upload.Authorization.Should().BeNull();
        result.Out.Should().Be($"uploaded: 3000 bytes as firmware.bin; next: `hemsim upgrade check-fw --wait`{Environment.NewLine}");
    }

    [TestMethod]
    public async Task Upload_ui_names_the_archive_webroot_tar_and_name_overrides_it()
    {
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("POST", UploadUi, 200);
        using var scratch = new ScratchFolder();
        string file = scratch.Write("ui.img", [1, 2]);

        CliResult byDefault = await new CliInvocation().RunAsync("upgrade", "upload-ui", file, "--url", hem.UrlText, "--token", "t");
        CliResult named = await new CliInvocation().RunAsync("upgrade", "upload-ui", file, "--name", "ui.bin", "--url", hem.UrlText, "--token", "t");

        byDefault.ExitCode.Should().Be(0, byDefault.Error);
        named.ExitCode.Should().Be(0, named.Error);
        hem.Requests.Select(r => r.ContentDisposition).Should().Equal("attachment; filename=\"webroot.tar\"", "attachment; filename=\"ui.bin\"");
        hem.Requests.Should().OnlyContain(r => r.Authorization == "Bearer t");
    }

    [TestMethod]
    public async Task Upload_fw_explains_a_connection_the_device_dropped()
    {
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("POST", UploadFw, UpgradeHem.Drop);
        using var scratch = new ScratchFolder();
        string file = scratch.Write("fw.img", [1, 2, 3]);

        CliResult result = await new CliInvocation().RunAsync("upgrade", "upload-fw", file, "--url", hem.UrlText, "--token", "t");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(
            "error: the device dropped the connection: image over 3 MiB or file name not firmware.bin/firmware.hex (spec §11.9)");
    }

    [TestMethod]
    public async Task Upload_fw_refuses_a_dashboard_image_without_contacting_the_device()
    {
        // Arrange
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        using var scratch = new ScratchFolder();
        string file = scratch.Write("ui.img", FirmwareSignedImage.Create(2, "ui", [1], FirmwareSignedImage.TestSeed()));

        // Act
        CliResult result = await new CliInvocation().RunAsync("upgrade", "upload-fw", file, "--url", hem.UrlText, "--token", "t");

        // Assert
        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("is a dashboard image, not a firmware image");
        hem.Requests.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Upload_refused_with_403_names_the_scope()
    {
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("POST", UploadFw, 403);
        using var scratch = new ScratchFolder();
        string file = scratch.Write("fw.img", [1]);

        CliResult result = await new CliInvocation().RunAsync("upgrade", "upload-fw", file, "--url", hem.UrlText, "--token", "t");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("error: 403").And.Contain("hint: the token's scope must start with system:upgrade");
    }

    [TestMethod]
    [DataRow(201, "started: the device began verifying the firmware image")]
    [DataRow(202, "running: the device is still verifying the firmware image")]
    [DataRow(200, "verified: the firmware image is valid")]
    public async Task Check_fw_once_prints_the_state_and_succeeds(int status, string printed)
    {
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("GET", CheckFw, status);

        CliResult result = await new CliInvocation().RunAsync("upgrade", "check-fw", "--url", hem.UrlText, "--token", "t");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().StartWith(printed);
        hem.Calls.Should().Equal($"GET {CheckFw}");
    }

    [TestMethod]
    public async Task Check_ui_wait_polls_until_verified()
    {
        // Arrange
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("GET", CheckUi, 201, 202, 202, 200);

        // Act
        CliResult result = await new CliInvocation().RunAsync("upgrade", "check-ui", "--wait", "--poll", "0", "--url", hem.UrlText, "--token", "t");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Calls.Should().HaveCount(4).And.OnlyContain(call => call == $"GET {CheckUi}");
        result.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "started: the device began verifying the dashboard image",
            "running: the device is still verifying the dashboard image",
            "running: the device is still verifying the dashboard image",
            "verified: the dashboard image is valid",
            "next: `hemsim upgrade install-ui`");
    }

    [TestMethod]
    public async Task Check_fw_wait_stops_at_a_failed_verification()
    {
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("GET", CheckFw, 201, 406);

        CliResult result = await new CliInvocation().RunAsync("upgrade", "check-fw", "--wait", "--poll", "0", "--url", hem.UrlText, "--token", "t", "--json");

        result.ExitCode.Should().Be(1);
        hem.Calls.Should().HaveCount(2);
        result.Out.Trim().Should().Be("""{"status":406,"result":"failed"}""");
        result.Error.Should().Contain("failed verification");
    }

    [TestMethod]
    public async Task Check_fw_wait_keeps_polling_while_a_task_of_the_other_kind_runs()
    {
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("GET", CheckFw, 409, 409, 201, 200);

        CliResult result = await new CliInvocation().RunAsync("upgrade", "check-fw", "--wait", "--poll", "0", "--url", hem.UrlText, "--token", "t", "--json");

        result.ExitCode.Should().Be(0, result.Error);
        hem.Calls.Should().HaveCount(5, "the first 409 asks the status once (no fault here)");
        hem.Calls.Should().ContainSingle(call => call == "GET /api/system/status");
        result.Out.Trim().Should().Be("""{"status":200,"result":"verified"}""");
    }

    [TestMethod]
    public async Task Check_fw_wait_stops_at_the_first_409_when_a_fault_is_latched()
    {
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("GET", CheckFw, 409);
        hem.On("GET", "/api/system/status", FakeReply.Json("""{"ctx":0,"uptime":5,"temp":31,"fls_state":4}"""));

        CliResult result = await new CliInvocation().RunAsync("upgrade", "check-fw", "--wait", "--poll", "0", "--url", hem.UrlText, "--token", "t");

        result.ExitCode.Should().Be(1);
        hem.Calls.Should().Equal($"GET {CheckFw}", "GET /api/system/status");
        result.Error.Should().Contain("latched fault (fls_state 4)");
    }

    [TestMethod]
    [DataRow(409, "error: 409: a task is running", DisplayName = "409: another kind's task never ends")]
    [DataRow(202, "still being verified after 0 s", DisplayName = "202: the check never ends")]
    public async Task Check_fw_wait_gives_up_after_the_timeout(int status, string explained)
    {
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("GET", CheckFw, status);

        CliResult result = await new CliInvocation().RunAsync(
            "upgrade", "check-fw", "--wait", "--poll", "0", "--timeout", "0", "--url", hem.UrlText, "--token", "t");

        result.ExitCode.Should().Be(1);
        hem.Calls.Should().ContainSingle();
        result.Error.Should().Contain(explained);
    }

    [TestMethod]
    public async Task Check_refuses_a_negative_poll_interval_without_contacting_the_device()
    {
        await using UpgradeHem hem = await UpgradeHem.StartAsync();

        CliResult result = await new CliInvocation().RunAsync("upgrade", "check-fw", "--wait", "--poll", "-1", "--url", hem.UrlText, "--token", "t");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--poll and --timeout are seconds, 0 or more");
        hem.Requests.Should().BeEmpty();
    }
}
