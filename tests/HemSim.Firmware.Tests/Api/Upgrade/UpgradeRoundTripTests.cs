using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Upgrade;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Upgrade.UpgradeRig;

namespace HemSim.Firmware.Tests.Api.Upgrade;

/// <summary>
/// A signed firmware image from upload to the boot that runs it (spec §11.1, §11.2, §11.11; docs/UPGRADE.md §3), and
/// the tampered images that must change nothing.
/// </summary>
[TestClass]
public sealed class UpgradeRoundTripTests
{
    /// <summary>Uploads and verifies <paramref name="image"/>, then installs it; returns the install response.</summary>
    private static ApiResponse Install(TestDevice device, string token, byte[] image)
    {
        UploadFw(device, image, token).Status.Should().Be(200);
        CheckToEnd(device, CheckFwPath, token).Should().Be(200);
        return device.Get(InstallFwPath, token);
    }

    [TestMethod]
    public void Installed_firmware_reports_its_version_and_signature_after_the_reboot()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        var image = FirmwareImage();
        SignedImage.TryParse(image, out var parsed, out _).Should().BeTrue();

        // Act
        var response = Install(device, token, image);

        // Assert: 200, close, reboot; UPGRADE/OK was the last line of the old boot.
        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
        response.Flags.Should().HaveFlag(ResponseFlags.CloseConnection).And.HaveFlag(ResponseFlags.RebootAfterReply);
        var version = VersionOf(device);
        version["fwv"]!.GetValue<string>().Should().Be(NewVersion);
        version["fws"]!.GetValue<string>().Should().Be(Convert.ToBase64String(parsed!.Signature));
        version["fwk"]!.GetValue<string>().Should().Be(Convert.ToBase64String(VendorKey.TestPublicKey));
        var oldFile = device.Core.Flash.ListLogFiles()[^2];
        var last = AuditLine.TryParse(device.Core.Flash.ReadLogFile(oldFile)[^1])!;
        (last.Type, last.Result, last.Subject).Should().Be((UpgradeEvent, Ok, "U"));
    }

    [TestMethod]
    public void Fw_upgrade_appears_in_every_status_of_the_first_boot_only()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        StatusOf(device).ContainsKey("fw_upgrade").Should().BeFalse();

        // Act
        Install(device, token, FirmwareImage()).Status.Should().Be(200);

        // Assert
        StatusOf(device)["fw_upgrade"]!.GetValue<bool>().Should().BeTrue();
        StatusOf(device)["fw_upgrade"]!.GetValue<bool>().Should().BeTrue();
        device.Core.Reboot();
        StatusOf(device).ContainsKey("fw_upgrade").Should().BeFalse();
        VersionOf(device)["fwv"]!.GetValue<string>().Should().Be(NewVersion, "the image keeps running");
    }

    [TestMethod]
    public void Diag_image_turns_the_device_into_a_diag_build()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        device.Get("/api/diag/test").Status.Should().Be(404);

        // Act
        Install(device, token, FirmwareImage(flags: SignedImage.DiagFlag)).Status.Should().Be(200);

        // Assert
        device.Get("/api/diag/test").Status.Should().Be(200);
        VersionOf(device)["fwv"]!.GetValue<string>().Should().Be(NewVersion + "-DIAG");
        device.Core.IsDiagBuild.Should().BeTrue();
    }

    [TestMethod]
    [DataRow(false, "Encedo nGINE FW v1.3.0-DIAG")]
    [DataRow(true, "Encedo nGINE FW v1.3.0-DIAG")]
    public void Diag_suffix_is_not_doubled(bool diagOption, string version)
    {
        var (device, token) = Provisioned(options: new HemDeviceOptions { Diag = diagOption });
        using var _1 = device;

        Install(device, token, FirmwareImage(version, SignedImage.DiagFlag)).Status.Should().Be(200);

        VersionOf(device)["fwv"]!.GetValue<string>().Should().Be(version);
    }

    [TestMethod]
    public void Production_image_on_a_diag_option_device_still_reports_diag()
    {
        var (device, token) = Provisioned(options: new HemDeviceOptions { Diag = true });
        using var _1 = device;

        Install(device, token, FirmwareImage()).Status.Should().Be(200);

        VersionOf(device)["fwv"]!.GetValue<string>().Should().Be(NewVersion + "-DIAG");
        device.Get("/api/diag/test").Status.Should().Be(200);
    }

    [TestMethod]
    public void Installed_firmware_survives_a_wipe()
    {
        // Arrange
        var (device, token) = Provisioned();
        using var _1 = device;
        Install(device, token, FirmwareImage()).Status.Should().Be(200);
        var fws = VersionOf(device)["fws"]!.GetValue<string>();

        // Act
        device.Core.Wipe();

        // Assert
        device.Core.IsInitialised.Should().BeFalse();
        VersionOf(device)["fwv"]!.GetValue<string>().Should().Be(NewVersion);
        VersionOf(device)["fws"]!.GetValue<string>().Should().Be(fws);
    }

    [TestMethod]
    public void Image_signed_with_another_vendor_key_is_accepted_when_the_device_trusts_that_key()
    {
        // Arrange
        var seed = Enumerable.Repeat((byte)0x5a, 32).ToArray();
        var publicKey = Firmware.Crypto.SignatureAlgorithm.Ed25519.GetPublicKey(seed);
        var (device, token) = Provisioned(options: new HemDeviceOptions { VendorKey = publicKey });
        using var _1 = device;

        // Act
        UploadFw(device, FirmwareImage(), token);
        var withTestKey = CheckToEnd(device, CheckFwPath, token);
        UploadFw(device, FirmwareImage(seed: seed), token);
        var withTrustedKey = CheckToEnd(device, CheckFwPath, token);

        // Assert
        withTestKey.Should().Be(406);
        withTrustedKey.Should().Be(200);
        VersionOf(device)["fwk"]!.GetValue<string>().Should().Be(Convert.ToBase64String(publicKey));
    }

    /// <summary>The ways an image can be bad: each must fail verification and leave nothing installed (run by <see cref="UpgradeStagingTests"/>).</summary>
    public static IEnumerable<object[]> BadImages()
    {
        var image = FirmwareImage();
        SignedImage.TryParse(image, out var parsed, out _);
        yield return ["payload byte flipped", Flip(image, parsed!.PayloadOffset + 10)];
        yield return ["signature byte flipped", Flip(image, image.Length - 5)];
        yield return ["version byte flipped", Flip(image, 15)];
        yield return ["signed by another key", FirmwareImage(seed: Enumerable.Repeat((byte)1, 32).ToArray())];
        yield return ["dashboard image", DashboardImage()];
        yield return ["truncated", image[..^1]];
        yield return ["not an image", Payload(500)];
    }

    private static byte[] Flip(byte[] image, int index)
    {
        var copy = image.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }
}
