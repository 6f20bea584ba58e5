namespace HemSim.Cli.Images;

/// <summary>What a signed image carries (docs/UPGRADE.md §1, byte 9).</summary>
internal enum ImageKind : byte
{
    Firmware = 1,
    Dashboard = 2,
}

/// <summary>
/// The fixed facts of the HemSim signed image, version 1, as docs/UPGRADE.md §1 states them. Written from that
/// document alone (not from the firmware's reader), so the signer and the device check each other.
/// <code>
/// 0  magic "HEMSIMIM" (8) | 8 format 1 | 9 kind | 10 flags | 11 reserved 0
/// 12 u16 LE n, version text (n UTF-8 bytes) | u32 LE m, payload (m bytes) | Ed25519 signature (64) over all before it
/// </code>
/// </summary>
internal static class ImageLayout
{
    public const byte FormatVersion = 1;

    /// <summary>Flags bit 0: a DIAG firmware build (kind 1 only).</summary>
    public const byte DiagFlag = 0x01;

    /// <summary>
    /// What a DIAG build's <c>fwv</c> ends with: a firmware version text may end so only with <see cref="DiagFlag"/>,
    /// else a production build would report itself as DIAG (docs/UPGRADE.md §1).
    /// </summary>
    public const string DiagVersionSuffix = "-DIAG";

    /// <summary>True when a firmware image's version text claims a DIAG build its flags do not make.</summary>
    public static bool ClaimsDiagWithoutFlag(ImageKind kind, string version, bool diag) =>
        kind == ImageKind.Firmware && !diag && version.EndsWith(DiagVersionSuffix, StringComparison.Ordinal);

    public const int HeaderSize = 12;
    public const int SignatureSize = 64;
    public const int MaxVersionBytes = 64;

    /// <summary>A whole firmware image (spec §11.9: larger images make the device drop the connection).</summary>
    public const int MaxFirmwareImageSize = 3 * 1024 * 1024;

    /// <summary>A whole dashboard image: the raw upload limit (spec §3.2).</summary>
    public const int MaxDashboardImageSize = 16 * 1024 * 1024;

    public static ReadOnlySpan<byte> Magic => "HEMSIMIM"u8;

    public static int MaxImageSize(ImageKind kind) => kind == ImageKind.Firmware ? MaxFirmwareImageSize : MaxDashboardImageSize;

    /// <summary>The word the CLI uses for a kind (<c>--kind</c> values, inspect output).</summary>
    public static string Name(ImageKind kind) => kind == ImageKind.Firmware ? "firmware" : "dashboard";
}
