using System.Security.Cryptography;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// A stored AES key as the cipher endpoints use it: one <see cref="AesCipher"/> per use size, made on first use and
/// kept (the key store caches this object per key record, so a hot key is expanded once, not per request).
/// </summary>
/// <remarks>
/// §22 #32: an <c>alg</c> smaller than the key uses the key's first alg-size bytes (an AES256 key with
/// <c>AES128-GCM</c> encrypts under its first 16 bytes); a larger one is refused by the caller (406).
/// </remarks>
internal sealed class AesKey : IDisposable
{
    private readonly byte[] _secret;
    private readonly AesCipher?[] _bySize = new AesCipher?[3]; // index 0/1/2 = 16/24/32-byte use

    private AesKey(byte[] secret) => _secret = secret;

    /// <summary>Copies <paramref name="secret"/> (16, 24 or 32 bytes): the key store wipes its span afterwards.</summary>
    public static AesKey Open(ReadOnlySpan<byte> secret)
    {
        if (secret.Length is not (16 or 24 or 32))
        {
            throw new ArgumentException($"An AES key is 16, 24 or 32 bytes, got {secret.Length}.", nameof(secret));
        }
        return new AesKey(secret.ToArray());
    }

    public int Length => _secret.Length;

    /// <summary>The cipher for a <paramref name="keySize"/>-byte use of this key; false when the key is shorter.</summary>
    public bool TryGetCipher(int keySize, out AesCipher cipher)
    {
        cipher = null!;
        if (keySize is not (16 or 24 or 32) || keySize > _secret.Length)
        {
            return false;
        }
        int index = (keySize - 16) / 8;
        lock (_bySize)
        {
            cipher = _bySize[index] ??= AesCipher.Create(_secret.AsSpan(0, keySize));
        }
        return true;
    }

    public void Dispose()
    {
        lock (_bySize)
        {
            foreach (var cipher in _bySize)
            {
                cipher?.Dispose();
            }
        }
        CryptographicOperations.ZeroMemory(_secret);
    }
}
