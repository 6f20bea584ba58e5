using System.Formats.Tar;
using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Upgrade;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Upgrade.UpgradeRig;

namespace HemSim.Firmware.Tests.Api.Upgrade;

/// <summary>
/// upload_ui, check_ui, install_ui (spec §11.12–§11.14; docs/UPGRADE.md §1, §3): what only the dashboard does.
/// What the firmware endpoints do alike is in <see cref="UpgradeStagingTests"/>.
/// </summary>
[TestClass]
public sealed class UpgradeDashboardTests
{
    [TestMethod]
    public void Check_ui_answers_406_when_nothing_is_staged_as_webroot_tar()
    {
        // Arrange: [J] uploads ui.bin, which the device does not find at check time (spec §11.12).
        var (device, token) = Provisioned();
        using var _1 = device;
        var nothing = device.Get(CheckUiPath, token).Status;
        UploadUi(device, DashboardImage(), token, "ui.bin");
        var before = Trace(device);

        // Act
        var response = device.Get(CheckUiPath, token);

        // Assert
        nothing.Should().Be(406);
        response.Status.Should().Be(406);
        Trace(device).Should().Be(before);
    }

    /// <summary>Dashboard images that must fail the check: bad archives, bad signatures, the wrong kind (run by <see cref="UpgradeStagingTests"/>).</summary>
    public static IEnumerable<object[]> BadDashboards()
    {
        var file = "x"u8.ToArray();
        yield return ["parent directory", DashboardImage(Tar(("../evil.html", file)))];
        yield return ["nested parent directory", DashboardImage(Tar(("a/../../evil.html", file)))];
        yield return ["absolute name", DashboardImage(Tar(("/etc/passwd", file)))];
        yield return ["drive letter", DashboardImage(Tar(("C:/evil.html", file)))];
        yield return ["backslash", DashboardImage(Tar(("a\\..\\evil.html", file)))];
        yield return ["symbolic link", DashboardImage(TarOf(new UstarTarEntry(TarEntryType.SymbolicLink, "link") { LinkName = "/etc/passwd" }))];
        yield return ["hard link", DashboardImage(TarOf(
            new UstarTarEntry(TarEntryType.RegularFile, "a") { DataStream = new MemoryStream(file) },
            new UstarTarEntry(TarEntryType.HardLink, "b") { LinkName = "a" }))];
        yield return ["character device", DashboardImage(TarOf(new UstarTarEntry(TarEntryType.CharacterDevice, "dev")))];
        yield return ["directories only", DashboardImage(TarOf(new UstarTarEntry(TarEntryType.Directory, "empty/")))];
        yield return ["not a tar", DashboardImage(Payload(3000))];
        yield return ["over 16 MiB unpacked", DashboardImage(TarOf(SparseLike(17 * 1024 * 1024)))];
        var valid = DashboardImage();
        var flipped = valid.ToArray();
        flipped[^3] ^= 0x80;
        yield return ["signature byte flipped", flipped];
        yield return ["signed by another key", DashboardImage(seed: Enumerable.Repeat((byte)2, 32).ToArray())];
        yield return ["firmware image", FirmwareImage()];
    }

    /// <summary>A regular file entry of <paramref name="length"/> zero bytes (compresses to nothing in memory).</summary>
    private static TarEntry SparseLike(int length) =>
        new UstarTarEntry(TarEntryType.RegularFile, "big.bin") { DataStream = new MemoryStream(new byte[length]) };

    [TestMethod]
    [DataRow("GNU long name claiming 4 GB")]
    [DataRow("pax size record overflowing")]
    public void Check_ui_answers_406_and_406_again_for_an_archive_that_breaks_the_tar_reader(string what)
    {
        // Arrange: headers a tar writer never makes, signed like any dashboard
        byte[] tar = what.StartsWith("GNU") ? CraftedTar.Claiming('L', 4_000_000_000) : CraftedTar.PaxRecord("size=99999999999999999999");
        var (device, token) = Provisioned();
        using var _1 = device;
        UploadUi(device, DashboardImage(tar), token).Status.Should().Be(200);

        // Act
        var first = CheckToEnd(device, CheckUiPath, token);
        var again = device.Get(CheckUiPath, token).Status;

        // Assert
        first.Should().Be(406);
        again.Should().Be(406);
    }

    [TestMethod]
    public void Install_ui_makes_the_dashboard_current_without_a_reboot_and_uis_reports_its_hash()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        var tar = Tar(("./index.html", "<html>v2</html>"u8.ToArray()));
        UploadUi(device, DashboardImage(tar), token);
        CheckToEnd(device, CheckUiPath, token).Should().Be(200);
        var lines = device.AuditLines().Count;

        // Act
        var response = device.Get(InstallUiPath, token);

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
        response.Flags.Should().NotHaveFlag(ResponseFlags.RebootAfterReply);
        LinesAfter(device, lines).Should().Equal((UpgradeEvent, Ok));
        VersionOf(device)["uis"]!.GetValue<string>().Should().Be(Convert.ToBase64String(SHA256.HashData(tar)));
        InstalledDashboard.Read(device.Core.Flash)!.Value.Tar.Should().Equal(tar);
    }

    [TestMethod]
    public void Install_ui_answers_409_and_logs_upgrade_error_while_a_task_runs()
    {
        // Arrange: the dashboard is verified, but a firmware check is running.
        var (device, token) = Provisioned();
        using var _1 = device;
        UploadUi(device, DashboardImage(), token);
        CheckToEnd(device, CheckUiPath, token).Should().Be(200);
        UploadFw(device, FirmwareImage(), token);
        device.Get(CheckFwPath, token).Status.Should().Be(201);
        var lines = device.AuditLines().Count;

        // Act
        var response = device.Get(InstallUiPath, token);

        // Assert
        response.Status.Should().Be(409);
        LinesAfter(device, lines).Should().Equal((UpgradeEvent, Error));
        device.Core.Flash.ReadBlob(InstalledDashboard.ManifestBlob).Should().BeNull();
    }

    [TestMethod]
    public void Check_in_token_repeats_the_installed_dashboard_hash()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        var tar = Tar(("index.html", "<p>hi</p>"u8.ToArray()));
        UploadUi(device, DashboardImage(tar), token);
        CheckToEnd(device, CheckUiPath, token);
        device.Get(InstallUiPath, token).Status.Should().Be(200);

        // Act
        var check = TestDevice.Json(device.Get("/api/system/checkin", tls: false))["check"]!.GetValue<string>();

        // Assert
        JwtText.Payload(check)["uis"]!.GetValue<string>().Should().Be(Convert.ToBase64String(SHA256.HashData(tar)));
    }
}
