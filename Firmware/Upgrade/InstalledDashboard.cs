using System.Buffers.Binary;
using System.Security.Cryptography;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Upgrade;

/// <summary>
/// The dashboard archive made active by <c>install_ui</c> (spec §11.14), kept in flash: the tar payload of a
/// verified dashboard image, in 1 MiB chunks (a flash blob is one LiteDB document, which cannot hold 16 MiB),
/// and a manifest written last, so a write cut short leaves the previous dashboard or none, never half of one.
/// </summary>
internal static class InstalledDashboard
{
    public const string ManifestBlob = "dashboard.manifest";
    private const string ChunkBlobPrefix = "dashboard.chunk.";
    private const int ChunkSize = 1024 * 1024;
    private const int ManifestSize = 32 + 4 + 4; // SHA-256 of the tar, its length, the chunk count

    /// <summary>SHA-256 of the installed tar (<c>uis</c>), or null when none is installed.</summary>
    public static byte[]? ReadHash(IFlash flash) =>
        flash.ReadBlob(ManifestBlob) is { Length: ManifestSize } manifest ? manifest[..32] : null;

    /// <summary>The installed tar and its SHA-256, or null when none is installed or the stored copy is damaged.</summary>
    public static (byte[] Hash, byte[] Tar)? Read(IFlash flash)
    {
        if (flash.ReadBlob(ManifestBlob) is not { Length: ManifestSize } manifest)
        {
            return null;
        }
        int length = BinaryPrimitives.ReadInt32LittleEndian(manifest.AsSpan(32));
        int chunks = BinaryPrimitives.ReadInt32LittleEndian(manifest.AsSpan(36));
        if (length < 0 || chunks != (length + ChunkSize - 1) / ChunkSize)
        {
            return null;
        }
        var tar = new byte[length];
        for (int i = 0; i < chunks; i++)
        {
            int offset = i * ChunkSize;
            if (flash.ReadBlob(ChunkBlobPrefix + i) is not { } chunk || chunk.Length != Math.Min(ChunkSize, length - offset))
            {
                return null;
            }
            chunk.CopyTo(tar, offset);
        }
        byte[] hash = manifest[..32];
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(tar), hash) ? (hash, tar) : null;
    }

    /// <summary>Makes <paramref name="tar"/> the installed dashboard; returns its SHA-256 (<c>uis</c>).</summary>
    public static byte[] Write(IFlash flash, ReadOnlySpan<byte> tar)
    {
        Remove(flash);
        int chunks = (tar.Length + ChunkSize - 1) / ChunkSize;
        for (int i = 0; i < chunks; i++)
        {
            int offset = i * ChunkSize;
            flash.WriteBlob(ChunkBlobPrefix + i, tar.Slice(offset, Math.Min(ChunkSize, tar.Length - offset)).ToArray());
        }
        var manifest = new byte[ManifestSize];
        byte[] hash = SHA256.HashData(tar);
        hash.CopyTo(manifest, 0);
        BinaryPrimitives.WriteInt32LittleEndian(manifest.AsSpan(32), tar.Length);
        BinaryPrimitives.WriteInt32LittleEndian(manifest.AsSpan(36), chunks);
        flash.WriteBlob(ManifestBlob, manifest);
        return hash;
    }

    /// <summary>Removes the installed dashboard (manifest first, so a cut leaves none rather than a damaged one).</summary>
    public static void Remove(IFlash flash)
    {
        if (flash.ReadBlob(ManifestBlob) is { Length: ManifestSize } manifest)
        {
            flash.DeleteBlob(ManifestBlob);
            int chunks = BinaryPrimitives.ReadInt32LittleEndian(manifest.AsSpan(36));
            for (int i = 0; i < chunks; i++)
            {
                flash.DeleteBlob(ChunkBlobPrefix + i);
            }
        }
    }
}
