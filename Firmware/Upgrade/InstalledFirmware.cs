using System.Buffers.Binary;
using System.Text;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Upgrade;

/// <summary>
/// The firmware image <c>install_fw</c> made current (spec §11.11; docs/UPGRADE.md §3), kept in one flash blob so the
/// install is committed before the reply and survives reboots and wipes (it is not configuration: the factory wipe
/// erases only the blobs it lists). The simulator keeps what the device reports about the image — its version text,
/// flags and signature — not the payload, which it never runs.
/// </summary>
/// <param name="Version">The image's version text: <c>fwv</c> once it runs.</param>
/// <param name="Flags">The image's flags (<see cref="SignedImage.DiagFlag"/>).</param>
/// <param name="Signature">The image's signature: <c>fws</c> once it runs.</param>
/// <param name="FirstBootPending">True until the first boot after the install has started: that boot reports
/// <c>status.fw_upgrade</c> (spec §11.1) and clears the mark.</param>
internal sealed record InstalledFirmware(string Version, byte Flags, byte[] Signature, bool FirstBootPending)
{
    public const string BlobName = "firmware.installed";

    // Blob layout: u8 layout version (1), u8 first-boot-pending (0/1), u8 image flags, 64-byte signature,
    // u16 LE version length, the version text (UTF-8).
    private const byte LayoutVersion = 1;
    private const int FixedSize = 3 + SignedImage.SignatureSize + 2;

    public bool IsDiagBuild => (Flags & SignedImage.DiagFlag) != 0;

    /// <summary>The installed firmware, or null when the device still runs the firmware it was made with.</summary>
    public static InstalledFirmware? Read(IFlash flash)
    {
        if (flash.ReadBlob(BlobName) is not { Length: > FixedSize } blob || blob[0] != LayoutVersion)
        {
            return null;
        }
        int length = BinaryPrimitives.ReadUInt16LittleEndian(blob.AsSpan(FixedSize - 2));
        if (length != blob.Length - FixedSize)
        {
            return null;
        }
        return new InstalledFirmware(
            Encoding.UTF8.GetString(blob, FixedSize, length), blob[2], blob[3..(3 + SignedImage.SignatureSize)], blob[1] == 1);
    }

    /// <summary>Installs <paramref name="image"/> (committed when this returns); its first boot is still to come.</summary>
    public static void Install(IFlash flash, SignedImage image) =>
        Write(flash, new InstalledFirmware(image.Version, image.Flags, image.Signature.ToArray(), FirstBootPending: true));

    /// <summary>Clears the first-boot mark; returns the record as it now stands.</summary>
    public InstalledFirmware ConsumeFirstBoot(IFlash flash)
    {
        var booted = this with { FirstBootPending = false };
        Write(flash, booted);
        return booted;
    }

    private static void Write(IFlash flash, InstalledFirmware firmware)
    {
        byte[] version = Encoding.UTF8.GetBytes(firmware.Version);
        var blob = new byte[FixedSize + version.Length];
        blob[0] = LayoutVersion;
        blob[1] = firmware.FirstBootPending ? (byte)1 : (byte)0;
        blob[2] = firmware.Flags;
        firmware.Signature.CopyTo(blob, 3);
        BinaryPrimitives.WriteUInt16LittleEndian(blob.AsSpan(FixedSize - 2), (ushort)version.Length);
        version.CopyTo(blob, FixedSize);
        flash.WriteBlob(BlobName, blob);
    }
}
