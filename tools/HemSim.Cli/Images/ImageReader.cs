using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace HemSim.Cli.Images;

/// <summary>Checks the layout of a signed image against docs/UPGRADE.md §1 (the signature is checked separately).</summary>
internal static class ImageReader
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryRead(byte[] image, [NotNullWhen(true)] out ParsedImage? parsed, [NotNullWhen(false)] out string? problem)
    {
        parsed = null;
        ReadOnlySpan<byte> bytes = image;
        if (bytes.Length < ImageLayout.HeaderSize || !bytes.StartsWith(ImageLayout.Magic))
        {
            problem = "not a HemSim signed image (no HEMSIMIM magic)";
            return false;
        }
        if (bytes[8] != ImageLayout.FormatVersion)
        {
            problem = $"format version {bytes[8]}, this tool reads version {ImageLayout.FormatVersion}";
            return false;
        }
        if (bytes[9] is not ((byte)ImageKind.Firmware or (byte)ImageKind.Dashboard))
        {
            problem = $"unknown kind {bytes[9]}";
            return false;
        }

        var kind = (ImageKind)bytes[9];
        byte allowedFlags = kind == ImageKind.Firmware ? ImageLayout.DiagFlag : (byte)0;
        if ((bytes[10] & ~allowedFlags) != 0)
        {
            problem = $"flags 0x{bytes[10]:x2} not allowed for a {ImageLayout.Name(kind)} image";
            return false;
        }
        if (bytes[11] != 0)
        {
            problem = "reserved byte 11 is not 0";
            return false;
        }

        // Every length is checked against what is left before the signature: nothing may run into it or past it.
        int signedEnd = bytes.Length - ImageLayout.SignatureSize;
        int offset = ImageLayout.HeaderSize;
        if (signedEnd - offset < 2)
        {
            problem = "truncated before the version text";
            return false;
        }
        int versionLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]);
        offset += 2;
        if (versionLength is < 1 or > ImageLayout.MaxVersionBytes || versionLength > signedEnd - offset)
        {
            problem = $"version text length {versionLength} is not 1–{ImageLayout.MaxVersionBytes} or runs past the end";
            return false;
        }
        if (!TryDecodeVersion(bytes.Slice(offset, versionLength), out string? version))
        {
            problem = "version text is not UTF-8 without control characters";
            return false;
        }
        if (ImageLayout.ClaimsDiagWithoutFlag(kind, version, (bytes[10] & ImageLayout.DiagFlag) != 0))
        {
            problem = $"version text ends in {ImageLayout.DiagVersionSuffix} but the DIAG flag is not set";
            return false;
        }
        offset += versionLength;

        if (signedEnd - offset < 4)
        {
            problem = "truncated before the payload length";
            return false;
        }
        uint payloadLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);
        offset += 4;
        if (payloadLength == 0 || payloadLength != (uint)(signedEnd - offset))
        {
            problem = $"payload length {payloadLength} does not match the {signedEnd - offset} bytes before the signature";
            return false;
        }

        parsed = new ParsedImage(image, kind, bytes[10], version, offset, (int)payloadLength);
        problem = null;
        return true;
    }

    private static bool TryDecodeVersion(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out string? version)
    {
        try
        {
            version = s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            version = null;
            return false;
        }

        if (version.Any(char.IsControl))
        {
            version = null;
            return false;
        }

        return true;
    }
}
