using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Upgrade;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Upgrade.UpgradeRig;

namespace HemSim.Firmware.Tests.Api.Upgrade;

/// <summary>DIAG upload_bootldr and install_bl (spec §16 G10, G11): one 8 KiB sector, answered by its SHA-1.</summary>
[TestClass]
public sealed class UpgradeBootloaderTests
{
    private static (TestDevice Device, string Token) Diag() => Provisioned(options: new HemDeviceOptions { Diag = true });

    /// <summary>SHA-1 of <paramref name="image"/> padded with 0xFF to 8192 bytes, computed here independently.</summary>
    private static string SectorHash(byte[] image)
    {
        var sector = Enumerable.Repeat((byte)0xFF, 8192).ToArray();
        image.CopyTo(sector, 0);
        return Convert.ToHexString(SHA1.HashData(sector)).ToLowerInvariant();
    }

    private static string Hash(ApiResponse response)
    {
        var json = TestDevice.Json(response);
        json.Select(p => p.Key).Should().Equal("hash");
        return json["hash"]!.GetValue<string>();
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(5000)]
    [DataRow(8192)]
    public void Upload_bootldr_answers_the_sha1_of_the_padded_staging_sector(int size)
    {
        // Arrange
        var (device, token) = Diag();
        using var _1 = device;
        var image = Payload(size);

        // Act
        var response = Upload(device, UploadBlPath, image, token, "attachment; filename=\"bl.bin\"");

        // Assert
        response.Status.Should().Be(200);
        Hash(response).Should().Be(SectorHash(image)).And.MatchRegex("^[0-9a-f]{40}$");
    }

    [TestMethod]
    [DataRow(null, 100)]
    [DataRow("attachment", 100)]
    [DataRow("attachment; filename=\"bl.bin\"", 8193)]
    public void Upload_bootldr_answers_413_and_closes_without_a_file_name_or_over_one_sector(string? disposition, int size)
    {
        // Arrange
        var (device, token) = Diag();
        using var _1 = device;
        var before = Trace(device);

        // Act
        var response = Upload(device, UploadBlPath, Payload(size), token, disposition);

        // Assert
        response.Status.Should().Be(413);
        response.Body.Should().BeEmpty();
        response.Flags.Should().HaveFlag(ResponseFlags.CloseConnection);
        Trace(device).Should().Be(before);
    }

    [TestMethod]
    public void Install_bl_copies_the_staged_sector_and_answers_its_hash()
    {
        // Arrange
        var (device, token) = Diag();
        using var _1 = device;
        var image = Payload(3000);
        Upload(device, UploadBlPath, image, token, "attachment; filename=x").Status.Should().Be(200);

        // Act
        var response = device.Get(InstallBlPath, token);

        // Assert
        response.Status.Should().Be(200);
        Hash(response).Should().Be(SectorHash(image));
        BootloaderSectors.ReadBootloader(device.Core.Flash).Should().Equal(BootloaderSectors.ReadStaging(device.Core.Flash));
    }

    [TestMethod]
    public void Install_bl_answers_400_with_the_unchanged_bootloader_hash_when_nothing_is_staged()
    {
        // Arrange
        var (device, token) = Diag();
        using var _1 = device;
        var factory = global::System.Text.Encoding.ASCII.GetBytes("Encedo Secure Bootloader v2.0.1");
        var before = Trace(device);

        // Act
        var response = device.Get(InstallBlPath, token);

        // Assert
        response.Status.Should().Be(400);
        Hash(response).Should().Be(SectorHash(factory));
        Trace(device).Should().Be(before);
    }

    [TestMethod]
    public void Bootloader_install_leaves_blv_and_bls_unchanged()
    {
        // Arrange: the simulator does not parse bootloaders.
        var (device, token) = Diag();
        using var _1 = device;
        var before = VersionOf(device);
        Upload(device, UploadBlPath, Payload(100), token, "attachment; filename=x");

        // Act
        device.Get(InstallBlPath, token).Status.Should().Be(200);

        // Assert
        var after = VersionOf(device);
        after["blv"]!.GetValue<string>().Should().Be(before["blv"]!.GetValue<string>());
        after["bls"]!.GetValue<string>().Should().Be(before["bls"]!.GetValue<string>());
    }
}
