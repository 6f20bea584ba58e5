using HemSim.Firmware.Config;
using HemSim.Firmware.Device;

namespace HemSim.TestKit;

/// <summary>
/// What a request may leave behind in persistent state: the configuration blob, every key slot and every
/// audit-log line. STYLE.md §10 "failure leaves no trace": take one before a rejected request and compare
/// with one taken after (<c>after.Should().BeEquivalentTo(before)</c>).
/// </summary>
internal sealed record DeviceSnapshot(string? Config, IReadOnlyList<string> Slots, IReadOnlyList<string> AuditLines)
{
    public static DeviceSnapshot Take(TestDevice device) => Take(device.Core);

    public static DeviceSnapshot Take(DeviceCore core)
    {
        var flash = core.Flash;
        var config = flash.ReadBlob(DeviceConfig.BlobName) is { } blob ? Convert.ToHexString(blob) : null;
        var slots = flash.ReadSlots()
            .Select(r => $"{r.Slot}|{r.State}|{Convert.ToHexString(r.Kid)}|{r.KeyType}|{r.Flags}|{r.Label}|"
                + $"{Convert.ToHexString(r.Descr)}|{r.Created}|{r.Updated}|{Convert.ToHexString(r.PublicKey)}|{Convert.ToHexString(r.SealedSecret)}")
            .ToList();
        var lines = flash.ListLogFiles().SelectMany(id => flash.ReadLogFile(id).Select(line => id + ":" + line)).ToList();
        return new DeviceSnapshot(config, slots, lines);
    }
}

/// <summary>Audit-log views of a <see cref="TestDevice"/>.</summary>
internal static class TestDeviceAudit
{
    /// <summary>The raw lines of the current boot's audit file.</summary>
    public static IReadOnlyList<string> AuditFile(this TestDevice device) =>
        device.Core.Flash.ReadLogFile(device.Core.Boot.AuditLog.FileId);

    /// <summary>The parsed lines of the current boot's audit file.</summary>
    public static IReadOnlyList<AuditLine> AuditLines(this TestDevice device) =>
        AuditLine.ParseAll(device.AuditFile());

    /// <summary>The last line of the current boot's audit file.</summary>
    public static AuditLine LastAuditLine(this TestDevice device) => device.AuditLines()[^1];
}
