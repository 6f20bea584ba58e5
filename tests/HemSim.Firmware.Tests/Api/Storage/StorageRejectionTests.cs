using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static HemSim.Firmware.Tests.Api.Storage.StorageRig;

namespace HemSim.Firmware.Tests.Api.Storage;

[TestClass]
public sealed class StorageRejectionTests
{
    private const int FailedScopeCheck = 0xc;

    [TestMethod]
    [DataRow(LockPath)]
    [DataRow(UnlockPath)]
    [DataRow(UnlockRwPath)]
    [DataRow(UnlockRoPath)]
    public void Storage_answers_401_without_a_token(string path)
    {
        // Arrange
        using var device = Provisioned();
        var before = DeviceSnapshot.Take(device);

        // Act
        var response = device.Get(path);

        // Assert
        response.Status.Should().Be(401);
        response.Body.Should().BeEmpty();
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow(LockPath, "storage:dis")]
    [DataRow(UnlockPath, "storage:")]
    [DataRow(UnlockRwPath, "system:config")]
    [DataRow(UnlockRoPath, "keymgmt:list")]
    [DataRow(UnlockPath, "xstorage:disk0:rw")]
    public void Storage_answers_403_and_logs_a_failed_scope_check_for_another_scope(string path, string scope)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login(scope);
        var modes = Modes(device);
        var linesBefore = device.AuditLines().Count;

        // Act
        var response = device.Get(path, token);

        // Assert
        response.Status.Should().Be(403);
        response.Body.Should().BeEmpty();
        var lines = device.AuditLines();
        lines.Should().HaveCount(linesBefore + 1);
        lines[^1].Type.Should().Be(FailedScopeCheck);
        lines[^1].Result.Should().Be(1);
        lines[^1].Subject.Should().Be("U");
        lines[^1].DataBytes.Should().Equal(global::System.Text.Encoding.ASCII.GetBytes(scope));
        Modes(device).Should().Equal(modes);
    }

    [TestMethod]
    [DataRow(LockPath)]
    [DataRow(UnlockPath)]
    [DataRow(UnlockRwPath)]
    [DataRow(UnlockRoPath)]
    public void Storage_answers_403_to_the_master_role(string path)
    {
        // Arrange: §22 #24, the firmware's intent (its M check is undefined behaviour).
        using var device = Provisioned();
        var token = device.Login("storage:disk0:rw", TestDevice.Master);
        var modes = Modes(device);

        // Act
        var response = device.Get(path, token);

        // Assert
        response.Status.Should().Be(403);
        device.LastAuditLine().Type.Should().Be(FailedScopeCheck);
        device.LastAuditLine().Subject.Should().Be("M");
        Modes(device).Should().Equal(modes);
    }

    [TestMethod]
    [DataRow(LockPath, "storage:disk2")]
    [DataRow(LockPath, "storage:disk")]
    [DataRow(UnlockPath, "storage:disk2:rw")]
    [DataRow(UnlockPath, "storage:diskx")]
    [DataRow(UnlockRwPath, "storage:disk9:rw")]
    [DataRow(UnlockRoPath, "storage:disk:rw")]
    [DataRow(UnlockRoPath, "storage:disk-1")]
    [DataRow(UnlockRwPath, "storage:disk0", DisplayName = "unlock/rw without the :rw suffix (disk0)")]
    [DataRow(UnlockRwPath, "storage:disk1", DisplayName = "unlock/rw without the :rw suffix (disk1)")]
    [DataRow(UnlockRwPath, "storage:disk1:ro", DisplayName = "unlock/rw with :ro")]
    public void Storage_answers_406_when_the_scope_names_no_valid_slot_or_unlock_rw_lacks_rw(string path, string scope)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login(scope);
        var before = DeviceSnapshot.Take(device);
        var modes = Modes(device);

        // Act
        var response = device.Get(path, token);

        // Assert
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        Modes(device).Should().Equal(modes);
        DeviceSnapshot.Take(device).Should().BeEquivalentTo(before);
    }

    [TestMethod]
    [DataRow(LockPath, "storage:disk0")]
    [DataRow(UnlockPath, "storage:disk1:rw")]
    [DataRow(UnlockRwPath, "storage:disk1:rw")]
    [DataRow(UnlockRoPath, "system:config")]
    public void Storage_answers_409_while_a_fault_is_latched_even_before_the_scope_check(string path, string scope)
    {
        // Arrange
        using var device = Provisioned();
        var token = device.Login(scope);
        device.Core.LatchFault(0x02);
        var modes = Modes(device);
        var linesBefore = device.AuditLines().Count;

        // Act
        var response = device.Get(path, token);

        // Assert
        response.Status.Should().Be(409);
        response.Body.Should().BeEmpty();
        device.AuditLines().Should().HaveCount(linesBefore);
        Modes(device).Should().Equal(modes);
    }

    [TestMethod]
    [DataRow(LockPath)]
    [DataRow(UnlockPath)]
    [DataRow(UnlockRwPath)]
    [DataRow(UnlockRoPath)]
    public void Storage_answers_409_on_an_uninitialised_device(string path)
    {
        // Arrange
        using var device = new TestDevice();

        // Act
        var response = device.Get(path);

        // Assert
        response.Status.Should().Be(409);
        response.Body.Should().BeEmpty();
    }
}
