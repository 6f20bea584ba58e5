using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Upgrade;

/// <summary>
/// The two flash sectors of the DIAG bootloader pair (spec §16 G10, G11): the reserved staging sector that
/// <c>upload_bootldr</c> writes, and the bootloader sector that <c>install_bl</c> overwrites with it. Each is one
/// <see cref="SectorSize"/> flash blob, padded with 0xFF as erased flash reads. The simulator never runs or parses a
/// bootloader: <c>blv</c>/<c>bls</c> keep reporting the simulated one whatever the sector holds.
/// </summary>
internal static class BootloaderSectors
{
    /// <summary>One flash sector (spec §16 G10: "at most one flash sector (8 KiB)").</summary>
    public const int SectorSize = 8192;

    public const string StagingBlob = "bootloader.staging";
    public const string BootloaderBlob = "bootloader.sector";

    /// <summary>The staging sector, or null when nothing was ever uploaded.</summary>
    public static byte[]? ReadStaging(IFlash flash) => flash.ReadBlob(StagingBlob);

    /// <summary>Erases the staging sector and writes <paramref name="image"/> at its start; returns the sector.</summary>
    public static byte[] WriteStaging(IFlash flash, ReadOnlySpan<byte> image)
    {
        var sector = Erased();
        image.CopyTo(sector);
        flash.WriteBlob(StagingBlob, sector);
        return sector;
    }

    /// <summary>
    /// The bootloader sector. Until a bootloader is installed: the simulated bootloader's version text in erased
    /// flash, so every simulator reports the same factory hash.
    /// </summary>
    public static byte[] ReadBootloader(IFlash flash)
    {
        if (flash.ReadBlob(BootloaderBlob) is { Length: SectorSize } sector)
        {
            return sector;
        }
        var factory = Erased();
        "Encedo Secure Bootloader v2.0.1"u8.CopyTo(factory);
        return factory;
    }

    public static void WriteBootloader(IFlash flash, byte[] sector) => flash.WriteBlob(BootloaderBlob, sector);

    private static byte[] Erased()
    {
        var sector = new byte[SectorSize];
        sector.AsSpan().Fill(0xFF);
        return sector;
    }
}
