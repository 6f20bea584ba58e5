using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Storage.StorageRig;

namespace HemSim.Firmware.Tests.Api.Storage;

[TestClass]
public sealed class StorageTests
{
    [TestMethod]
    public void Status_starts_with_disk0_from_storage_mode_and_disk1_hidden()
    {
        // Arrange
        using var device = Provisioned(storageMode: 0x51);

        // Act
        var modes = Modes(device);

        // Assert
        modes.Should().Equal("ro", "-");
    }

    [TestMethod]
    [DataRow(0x50, "-")]
    [DataRow(0x51, "ro")]
    [DataRow(0x52, "ro")]
    [DataRow(0x03, "rw")]
    public void Disk0_default_follows_the_low_nibble_of_storage_mode(int storageMode, string expected)
    {
        // Arrange
        using var device = Provisioned(storageMode: storageMode);

        // Act
        var modes = Modes(device);

        // Assert
        modes.Should().Equal(expected, "-");
    }

    [TestMethod]
    [DataRow(UnlockPath, "storage:disk0:rw", 0, "rw")]
    [DataRow(UnlockPath, "storage:disk0", 0, "ro")]
    [DataRow(UnlockPath, "storage:disk1:rw", 1, "rw")]
    [DataRow(UnlockPath, "storage:disk1", 1, "ro")]
    [DataRow(UnlockRwPath, "storage:disk0:rw", 0, "rw")]
    [DataRow(UnlockRwPath, "storage:disk1:rw", 1, "rw")]
    [DataRow(UnlockRoPath, "storage:disk1", 1, "ro")]
    [DataRow(UnlockRoPath, "storage:disk1:rw", 1, "ro")]
    [DataRow(LockPath, "storage:disk0", 0, "-")]
    [DataRow(LockPath, "storage:disk0:rw", 0, "-")]
    public void Each_endpoint_sets_the_slot_named_by_the_scope(string path, string scope, int slot, string expected)
    {
        // Arrange
        using var device = Provisioned(storageMode: 0x51);
        var token = device.Login(scope);
        var before = Modes(device);

        // Act
        var response = device.Get(path, token);

        // Assert
        response.Status.Should().Be(200);
        response.Body.Should().BeEmpty();
        var after = Modes(device);
        after[slot].Should().Be(expected);
        after[1 - slot].Should().Be(before[1 - slot]);
    }

    [TestMethod]
    public void Vendor_test_12_unlocks_both_disks_rw_then_locks_both()
    {
        // Arrange: [T] test_12, one token per disk.
        using var device = Provisioned();
        var disk0 = device.Login("storage:disk0:rw");
        var disk1 = device.Login("storage:disk1:rw");

        // Act + Assert
        device.Get(UnlockPath, disk0).Status.Should().Be(200);
        device.Get(UnlockPath, disk1).Status.Should().Be(200);
        Modes(device).Should().Equal("rw", "rw");
        device.Get(LockPath, disk0).Status.Should().Be(200);
        device.Get(LockPath, disk1).Status.Should().Be(200);
        Modes(device).Should().Equal("-", "-");
    }

    [TestMethod]
    public void Storage_works_over_plain_http()
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login("storage:disk1:rw");

        // Act
        var response = device.Get(UnlockRwPath, token, tls: false);

        // Assert
        response.Status.Should().Be(200);
        Modes(device)[1].Should().Be("rw");
    }

    [TestMethod]
    public void A_reboot_restores_the_default_exposure()
    {
        // Arrange
        using var device = Provisioned(storageMode: 0x51);
        device.Get(UnlockPath, device.Login("storage:disk1:rw")).Status.Should().Be(200);
        device.Get(LockPath, device.Login("storage:disk0")).Status.Should().Be(200);
        Modes(device).Should().Equal("-", "rw");

        // Act
        device.Get("/api/system/reboot", device.Login("system:config")).Status.Should().Be(200);

        // Assert
        device.Core.BootCount.Should().Be(2);
        Modes(device).Should().Equal("ro", "-");
    }

    [TestMethod]
    [DataRow(LockPath)]
    [DataRow(UnlockPath)]
    [DataRow(UnlockRwPath)]
    [DataRow(UnlockRoPath)]
    public void Epa_build_has_no_storage_endpoints(string path)
    {
        // Arrange
        using var device = Provisioned(HardwareVariant.Epa);
        var token = device.Login("storage:disk0:rw");

        // Act
        var response = device.Get(path, token);

        // Assert
        response.Status.Should().Be(404);
        response.Body.Should().BeEmpty();
    }
}
