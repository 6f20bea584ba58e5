using FluentAssertions;
using HemSim.Cli.Tests.Fakes;

namespace HemSim.Cli.Tests.Commands;

public sealed partial class UpgradeCommandTests
{
    [TestMethod]
    [DataRow("install-fw", InstallFw, "installing: the device reboots into its bootloader")]
    [DataRow("install-ui", InstallUi, "installed: the new dashboard is active (no reboot)")]
    [DataRow("usbmode", "/api/system/upgrade/usbmode", "rebooting into the bootloader's USB serial mode")]
    public async Task Install_verbs_send_one_get_and_say_what_happens_next(string verb, string path, string printed)
    {
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("GET", path, 200);

        CliResult result = await new CliInvocation().RunAsync("upgrade", verb, "--url", hem.UrlText, "--token", "t");

        result.ExitCode.Should().Be(0, result.Error);
        hem.Calls.Should().Equal($"GET {path}");
        result.Out.Should().StartWith(printed);
    }

    [TestMethod]
    [DataRow("install-fw", InstallFw)]
    [DataRow("install-ui", InstallUi)]
    [DataRow("usbmode", "/api/system/upgrade/usbmode")]
    public async Task Install_verbs_with_json_print_the_status(string verb, string path)
    {
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("GET", path, 200);

        CliResult result = await new CliInvocation().RunAsync("upgrade", verb, "--json", "--url", hem.UrlText, "--token", "t");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Trim().Should().Be("""{"status":200}""");
    }

    [TestMethod]
    [DataRow("check-fw", CheckFw, 406, "error: 406: failed verification: the firmware image is malformed or not signed by the vendor key the device trusts (fwk)")]
    [DataRow("check-fw", CheckFw, 404, "error: 404: nothing uploaded: upload a firmware image first")]
    [DataRow("check-fw", CheckFw, 409, "error: 409: a task is running (an install, or a check of the other kind), or a fault is latched")]
    [DataRow("install-fw", InstallFw, 406, "hint: nothing verified to install: run the check until it says verified")]
    [DataRow("install-fw", InstallFw, 409, "hint: an install is already running")]
    [DataRow("install-bootloader", InstallBl, 400, "upload-bootloader FILE")]
    [DataRow("install-bootloader", InstallBl, 404, "hint: the bootloader endpoints exist only on a DIAG build")]
    public async Task Step_refused_by_the_device_is_explained_and_fails(string verb, string path, int status, string explained)
    {
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("GET", path, status);

        CliResult result = await new CliInvocation().RunAsync("upgrade", verb, "--url", hem.UrlText, "--token", "t");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain($"error: {status}").And.Contain(explained);
        result.Out.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Install_fw_on_an_initialised_device_logs_in_with_system_upgrade()
    {
        // Arrange
        await using FakeHem hem = await FakeHem.StartAsync();
        hem.On("GET", "/api/system/status", FakeReply.Json("""{"ctx":0,"uptime":3,"temp":31,"fls_state":0}"""));
        hem.On("GET", "/api/auth/token", FakeDeviceAuth.LoginChallenge());
        hem.On("POST", "/api/auth/token", FakeDeviceAuth.Login);
        hem.On("GET", InstallFw, FakeReply.Status(200));
        var cli = new CliInvocation();
        cli.Environment["HEMSIM_USER_PASSPHRASE"] = SharedVectors.Login.User.Passphrase;
        string issued = FakeDeviceAuth.BearerToken("system:upgrade", "U", CliInvocation.VectorNow, CliInvocation.VectorNow + 3600);

        // Act
        CliResult result = await cli.RunAsync("upgrade", "install-fw", "--url", hem.UrlText);

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal(
            "GET /api/system/status", "GET /api/auth/token", "POST /api/auth/token", $"GET {InstallFw}");
        hem.Requests[3].Authorization.Should().Be("Bearer " + issued);
    }

    [TestMethod]
    public async Task Upload_bootloader_prints_the_hash_of_the_staged_sector()
    {
        // Arrange
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("POST", "/api/system/upgrade/upload_bootldr", FakeReply.Json("""{"hash":"0123456789abcdef0123456789abcdef01234567"}"""));
        using var scratch = new ScratchFolder();
        string file = scratch.Write("bl.bin", new byte[8192]);

        // Act
        CliResult result = await new CliInvocation().RunAsync("upgrade", "upload-bootloader", file, "--url", hem.UrlText, "--token", "t");

        // Assert
        result.ExitCode.Should().Be(0, result.Error);
        hem.Requests.Single().ContentDisposition.Should().Be("attachment; filename=\"bootldr.bin\"");
        hem.Requests.Single().Body.Should().HaveCount(8192);
        result.Out.Should().Be("staged: 8192 bytes; hash (SHA-1 of the written sector): 0123456789abcdef0123456789abcdef01234567" + Environment.NewLine);
    }

    [TestMethod]
    public async Task Install_bootloader_prints_the_hash_and_json_prints_the_answer()
    {
        await using UpgradeHem hem = await UpgradeHem.StartAsync();
        hem.On("GET", InstallBl, FakeReply.Json("""{"hash":"aa"}"""));

        CliResult text = await new CliInvocation().RunAsync("upgrade", "install-bootloader", "--url", hem.UrlText, "--token", "t");
        CliResult json = await new CliInvocation().RunAsync("upgrade", "install-bootloader", "--url", hem.UrlText, "--token", "t", "--json");

        text.Out.Should().Be("installed the staged bootloader; hash: aa" + Environment.NewLine);
        json.Out.Should().Be("""{"hash":"aa"}""" + Environment.NewLine);
    }
}
