using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using HemSim.Firmware.Crypto;

namespace HemSim.Firmware.Upgrade;

/// <summary>What a signed image carries (docs/UPGRADE.md §1).</summary>
internal enum ImageKind : byte
{
    Firmware = 1,
    Dashboard = 2,
}

/// <summary>
/// A HemSim signed image, version 1 (docs/UPGRADE.md §1): header, version text, payload, and an Ed25519
/// signature by the vendor key over everything before it. <see cref="TryParse"/> checks the layout;
/// <see cref="VerifySignature"/> checks the signature.
/// </summary>
internal sealed class SignedImage
{
    public const int SignatureSize = 64;
    public const int MaxVersionBytes = 64;
    public const byte FormatVersion = 1;
    public const byte DiagFlag = 0x01;

    /// <summary>What <c>fwv</c> ends with on a DIAG build (spec §11.2); only a DIAG-flagged firmware image may end so.</summary>
    public const string DiagVersionSuffix = "-DIAG";

    private static ReadOnlySpan<byte> Magic => "HEMSIMIM"u8;
    private const int HeaderSize = 12; // magic, format version, kind, flags, reserved

    private readonly byte[] _image;

    private SignedImage(byte[] image, ImageKind kind, byte flags, string version, int payloadOffset, int payloadLength)
    {
        _image = image;
        Kind = kind;
        Flags = flags;
        Version = version;
        PayloadOffset = payloadOffset;
        PayloadLength = payloadLength;
    }

    public ImageKind Kind { get; }

    public byte Flags { get; }

    public bool IsDiagBuild => (Flags & DiagFlag) != 0;

    /// <summary>Firmware: the <c>fwv</c> it reports once installed. Dashboard: a free label.</summary>
    public string Version { get; }

    public int PayloadOffset { get; }

    public int PayloadLength { get; }

    public ReadOnlySpan<byte> Payload => _image.AsSpan(PayloadOffset, PayloadLength);

    public ReadOnlySpan<byte> Signature => _image.AsSpan(_image.Length - SignatureSize);

    /// <summary>Checks the layout of <paramref name="image"/> (not the signature); keeps a reference to it.</summary>
    public static bool TryParse(byte[] image, [NotNullWhen(true)] out SignedImage? parsed, out string problem)
    {
        parsed = null;
        problem = "";
        ReadOnlySpan<byte> bytes = image;
        if (bytes.Length < HeaderSize + 2 + 1 + 4 + 1 + SignatureSize || !bytes.StartsWith(Magic))
        {
            problem = "not a HemSim signed image (magic HEMSIMIM)";
            return false;
        }
        if (bytes[8] != FormatVersion)
        {
            problem = $"format version {bytes[8]} is not 1";
            return false;
        }
        var kind = (ImageKind)bytes[9];
        byte flags = bytes[10];
        if (kind is not (ImageKind.Firmware or ImageKind.Dashboard))
        {
            problem = $"unknown image kind {bytes[9]}";
            return false;
        }
        if ((flags & ~(kind == ImageKind.Firmware ? DiagFlag : 0)) != 0 || bytes[11] != 0)
        {
            problem = "flag or reserved bits set that this kind does not allow";
            return false;
        }

        int offset = HeaderSize;
        int signed = bytes.Length - SignatureSize;
        int versionLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]);
        offset += 2;
        if (versionLength is < 1 or > MaxVersionBytes || versionLength > signed - offset)
        {
            problem = "version text length out of range";
            return false;
        }
        string version;
        try
        {
            version = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.Slice(offset, versionLength));
        }
        catch (DecoderFallbackException)
        {
            problem = "version text is not UTF-8";
            return false;
        }
        if (version.Any(char.IsControl))
        {
            problem = "version text has control characters";
            return false;
        }
        if (kind == ImageKind.Firmware && (flags & DiagFlag) == 0 && version.EndsWith(DiagVersionSuffix, StringComparison.Ordinal))
        {
            // fwv reports the text as is, so a production build would claim to be a DIAG build (spec §11.2).
            problem = $"version text ends in {DiagVersionSuffix} but the DIAG flag is not set";
            return false;
        }
        offset += versionLength;

        if (signed - offset < 4)
        {
            problem = "payload length missing";
            return false;
        }
        uint payloadLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);
        offset += 4;
        if (payloadLength == 0 || payloadLength != (uint)(signed - offset))
        {
            problem = "payload length does not match the image";
            return false;
        }

        parsed = new SignedImage(image, kind, flags, version, offset, (int)payloadLength);
        return true;
    }

    /// <summary>True when the signature is <paramref name="vendorKey"/>'s over every byte before it.</summary>
    public bool VerifySignature(ReadOnlySpan<byte> vendorKey) =>
        vendorKey.Length == 32
        && SignatureAlgorithm.Ed25519.Verify(vendorKey, _image.AsSpan(0, _image.Length - SignatureSize), Signature);

    /// <summary>Builds and signs an image (tests, benchmarks; the user-facing signer is <c>hemsim image sign</c>).</summary>
    public static byte[] Create(ImageKind kind, string version, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signingSeed, byte flags = 0)
    {
        byte[] versionBytes = Encoding.UTF8.GetBytes(version);
        var image = new byte[HeaderSize + 2 + versionBytes.Length + 4 + payload.Length + SignatureSize];
        Magic.CopyTo(image);
        image[8] = FormatVersion;
        image[9] = (byte)kind;
        image[10] = flags;
        int offset = HeaderSize;
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(offset), (ushort)versionBytes.Length);
        offset += 2;
        versionBytes.CopyTo(image, offset);
        offset += versionBytes.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(offset), (uint)payload.Length);
        offset += 4;
        payload.CopyTo(image.AsSpan(offset));
        offset += payload.Length;
        byte[] signature = SignatureAlgorithm.Ed25519.Sign(signingSeed, image.AsSpan(0, offset));
        signature.CopyTo(image, offset);
        return image;
    }
}
