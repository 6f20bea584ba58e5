using System.Buffers.Binary;
using HemSim.Cli.Commands;

namespace HemSim.Cli.Images;

/// <summary>Builds and signs a HemSim signed image v1 (docs/UPGRADE.md §1), refusing anything a device would reject.</summary>
internal static class ImageWriter
{
    public static byte[] Write(ImageKind kind, string version, bool diag, ReadOnlySpan<byte> payload, SigningKey key)
    {
        byte[] versionBytes = ImageVersionText.Encode(version);
        if (diag && kind != ImageKind.Firmware)
        {
            throw new CliUsageException("--diag marks a DIAG firmware build: a dashboard image must have no flags (docs/UPGRADE.md §1)");
        }
        if (ImageLayout.ClaimsDiagWithoutFlag(kind, version, diag))
        {
            throw new CliUsageException(
                $"--version ends in {ImageLayout.DiagVersionSuffix} but --diag is not given: the device would report a DIAG build it is not (docs/UPGRADE.md §1)");
        }
        if (payload.IsEmpty)
        {
            throw new CliUsageException("the payload is empty: a valid image carries at least one byte (docs/UPGRADE.md §1)");
        }

        long size = (long)ImageLayout.HeaderSize + 2 + versionBytes.Length + 4 + payload.Length + ImageLayout.SignatureSize;
        int limit = ImageLayout.MaxImageSize(kind);
        if (size > limit)
        {
            throw new CliUsageException(
                $"the {ImageLayout.Name(kind)} image would be {size} bytes; at most {limit} bytes ({limit / (1024 * 1024)} MiB) are allowed (docs/UPGRADE.md §1)");
        }

        var image = new byte[size];
        ImageLayout.Magic.CopyTo(image);
        image[8] = ImageLayout.FormatVersion;
        image[9] = (byte)kind;
        image[10] = diag ? ImageLayout.DiagFlag : (byte)0;
        image[11] = 0;
        int offset = ImageLayout.HeaderSize;
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(offset), (ushort)versionBytes.Length);
        offset += 2;
        versionBytes.CopyTo(image, offset);
        offset += versionBytes.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(offset), (uint)payload.Length);
        offset += 4;
        payload.CopyTo(image.AsSpan(offset));
        offset += payload.Length;
        key.Sign(image.AsSpan(0, offset), image.AsSpan(offset));
        return image;
    }
}
