namespace HemSim.Firmware.Upgrade;

/// <summary>
/// What <c>check_fw</c>/<c>check_ui</c> verify (spec §11.10, §11.13; docs/UPGRADE.md): the HemSim signed-image layout,
/// the expected kind, the vendor's Ed25519 signature, and per kind the size limit (firmware) or the archive rules
/// (dashboard, <see cref="DashboardArchive"/>). §22 #25 leaves the real checks open; this is the simulator's choice.
/// </summary>
internal static class ImageVerification
{
    /// <summary>Largest firmware image (spec §11.9, §22 #45).</summary>
    public const int MaxFirmwareSize = 3 * 1024 * 1024;

    /// <summary>The verified image, or null when <paramref name="bytes"/> fails any check.</summary>
    public static SignedImage? Verify(byte[] bytes, ImageKind kind, ReadOnlySpan<byte> vendorKey)
    {
        if (!SignedImage.TryParse(bytes, out var image, out _) || image.Kind != kind || !image.VerifySignature(vendorKey))
        {
            return null;
        }
        var fits = kind == ImageKind.Firmware
            ? bytes.Length <= MaxFirmwareSize
            : DashboardArchive.IsValid(image.Payload.ToArray());
        return fits ? image : null;
    }
}
