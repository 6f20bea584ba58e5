using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Firmware.Device;
using HemSim.Firmware.Flash;
using HemSim.Firmware.Upgrade;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Device;

/// <summary>
/// The installed dashboard as the host bridge fetches it (PROTOCOL.md §6.5 GetDashboard, spec §11.14): tagged with the
/// tar's SHA-256, nothing when the host's tag is current, the zero tag alone while none is installed.
/// </summary>
[TestClass]
public sealed class HemDeviceDashboardTests
{
    private static readonly byte[] s_tar = "a dashboard tar, opaque to the device"u8.ToArray();
    private static readonly byte[] s_zeroTag = new byte[HemDevice.DashboardTagSize];

    [TestMethod]
    public async Task Without_a_dashboard_the_answer_is_the_zero_tag_alone_and_that_tag_is_current()
    {
        await using var device = HemDevice.Boot(HemDeviceTests.Options());

        byte[] first = await device.ExportDashboardAsync(ReadOnlyMemory<byte>.Empty);
        byte[] again = await device.ExportDashboardAsync(first);

        first.Should().Equal(s_zeroTag);
        again.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Installed_dashboard_comes_whole_for_no_tag_or_a_stale_one_and_as_nothing_for_its_own_tag()
    {
        // Arrange
        using var folder = new TempFolder();
        await using var device = await BootWithFlashAsync(folder, flash => InstalledDashboard.Write(flash, s_tar));
        byte[] tag = SHA256.HashData(s_tar);

        // Act
        byte[] fresh = await device.ExportDashboardAsync(ReadOnlyMemory<byte>.Empty);
        byte[] stale = await device.ExportDashboardAsync(s_zeroTag);
        byte[] current = await device.ExportDashboardAsync(tag);

        // Assert
        fresh.Should().Equal([.. tag, .. s_tar]);
        stale.Should().Equal(fresh);
        current.Should().BeEmpty();
    }

    [TestMethod]
    public async Task Damaged_copy_in_flash_is_served_as_none()
    {
        // Arrange: the manifest is intact, the chunk is not
        using var folder = new TempFolder();
        await using var device = await BootWithFlashAsync(folder, flash =>
        {
            InstalledDashboard.Write(flash, s_tar);
            flash.WriteBlob("dashboard.chunk.0", [1, 2, 3]);
        });

        // Act
        byte[] answer = await device.ExportDashboardAsync(ReadOnlyMemory<byte>.Empty);

        // Assert
        answer.Should().Equal(s_zeroTag);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(31)]
    [DataRow(33)]
    public async Task Tag_of_another_size_is_refused(int size)
    {
        await using var device = HemDevice.Boot(HemDeviceTests.Options());

        var act = () => device.ExportDashboardAsync(new byte[size]);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    /// <summary>Boots a device on <paramref name="folder"/> after <paramref name="write"/> changed its flash while it was off.</summary>
    private static async Task<HemDevice> BootWithFlashAsync(TempFolder folder, Action<LiteDbFlash> write)
    {
        await using (HemDevice.Boot(HemDeviceTests.Options(folder.Path)))
        {
        }
        using (var flash = LiteDbFlash.Open(folder.File("flash.db")))
        {
            write(flash);
        }
        return HemDevice.Boot(HemDeviceTests.Options(folder.Path));
    }
}
