using System.Security.Cryptography;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// Secret key bytes with one owner: zeroed on <see cref="Dispose"/> (STYLE §5, NSec's <c>Key</c>).
/// </summary>
/// <remarks>
/// Reading a disposed instance is a programming error and throws <see cref="ObjectDisposedException"/>,
/// so a use-after-wipe never silently computes with zeros.
/// </remarks>
internal sealed class KeyMaterial : IDisposable
{
    private readonly byte[] _bytes;
    private bool _disposed;

    private KeyMaterial(byte[] bytes) => _bytes = bytes;

    /// <summary>Copies <paramref name="secret"/>; the caller still owns (and should wipe) its buffer.</summary>
    public static KeyMaterial Copy(ReadOnlySpan<byte> secret) => new(secret.ToArray());

    /// <summary>
    /// Wraps <paramref name="secret"/> without copying. The caller hands over the array and must not
    /// keep a reference: it is zeroed in place when this instance is disposed.
    /// </summary>
    public static KeyMaterial TakeOwnership(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new KeyMaterial(secret);
    }

    public int Length
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes.Length;
        }
    }

    public ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes;
        }
    }

    /// <summary>A fresh copy, for sealing into flash; the caller must wipe it after use.</summary>
    public byte[] ToArray()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (byte[])_bytes.Clone();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(_bytes);
        _disposed = true;
    }
}
