using HemSim.Firmware.Upgrade;

namespace HemSim.Cli.Tests.Fakes;

/// <summary>
/// The firmware's own image code (Firmware/Upgrade/SignedImage.cs, VendorKey.cs), so the CLI's signer and reader —
/// written from docs/UPGRADE.md alone — are checked against the device's reader and signer.
/// </summary>
internal static class FirmwareSignedImage
{
    /// <summary><c>VendorKey.TestPublicKey</c>: the <c>fwk</c> a default device trusts.</summary>
    public static byte[] TestPublicKey => VendorKey.TestPublicKey;

    /// <summary><c>VendorKey.TestSeed()</c>.</summary>
    public static byte[] TestSeed() => VendorKey.TestSeed();

    /// <summary><c>SignedImage.Create</c>; <paramref name="kind"/> is the wire value (1 firmware, 2 dashboard).</summary>
    public static byte[] Create(byte kind, string version, byte[] payload, byte[] seed, byte flags = 0) =>
        SignedImage.Create((ImageKind)kind, version, payload, seed, flags);

    /// <summary><c>SignedImage.TryParse</c> then, when it parses, the fields a test compares.</summary>
    public static FirmwareView? TryParse(byte[] image, out string problem) =>
        SignedImage.TryParse(image, out SignedImage? parsed, out problem)
            ? new FirmwareView(parsed.Kind.ToString(), parsed.Flags, parsed.Version, parsed.Payload.ToArray(), parsed.VerifySignature(TestPublicKey))
            : null;

    /// <summary><c>SignedImage.VerifySignature</c> of a parsed image against <paramref name="publicKey"/>.</summary>
    public static bool Verifies(byte[] image, byte[] publicKey) =>
        SignedImage.TryParse(image, out SignedImage? parsed, out _) && parsed.VerifySignature(publicKey);
}

/// <summary>What the firmware's reader saw in an image; <see cref="VerifiesWithTestKey"/> is its signature check.</summary>
internal sealed record FirmwareView(string Kind, byte Flags, string Version, byte[] Payload, bool VerifiesWithTestKey);
