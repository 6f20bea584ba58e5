using System.Diagnostics;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// One AES key (16, 24 or 32 bytes) prepared for the device's cipher operations (spec §13.5–§13.8, §18.2): ECB
/// without padding and CBC with PKCS#7 through .NET's <see cref="Aes"/> one-shot APIs (OpenSSL/CNG, AES-NI), GCM with
/// the device's 16-byte nonce and 16-byte tag through BouncyCastle (<see cref="AesGcm"/> takes 12-byte nonces only,
/// §18.6), and RFC 3394 key wrap. The key schedules and the GHASH key H are made once and reused per request.
/// </summary>
/// <remarks>
/// Callers validate lengths first (block alignment, IV/nonce/tag sizes): a wrong length here is a programming
/// error and only asserted. A tag, padding or integrity check that fails is an outcome and answers false.
/// One instance is used by one request at a time; a lock keeps the stateful BouncyCastle objects safe anyway.
/// </remarks>
internal sealed partial class AesCipher : IDisposable
{
    public const int BlockSize = 16;

    /// <summary>GCM nonce length the device always uses (spec §13.5: 16, not the usual 12).</summary>
    public const int NonceSize = 16;

    public const int TagSize = 16;

    /// <summary>RFC 3394 §2.2.3.1 default initial value.</summary>
    public static ReadOnlySpan<byte> DefaultWrapIv => [0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6];

    public const int WrapIvSize = 8;

    private readonly Aes _aes;
    private readonly byte[] _keyBytes;
    private readonly KeyParameter _key;
    // One GCM object per direction: BouncyCastle refuses an encryption nonce equal to the previous Init's nonce,
    // which could otherwise be a caller's decryption nonce; this way the encryptor only ever sees its own nonces.
    private readonly GcmBlockCipher _gcmEncrypt = new(AesUtilities.CreateEngine());
    private readonly GcmBlockCipher _gcmDecrypt = new(AesUtilities.CreateEngine());
    private readonly Rfc3394WrapEngine _wrap = new(AesUtilities.CreateEngine());
    private readonly Lock _lock = new();
    private bool _gcmEncryptKeyed;  // H and the GCM key schedule are set; later Inits pass no key
    private bool _gcmDecryptKeyed;
    private byte[]? _lastGcmNonce;  // the nonce of the last GCM encryption, refused if it comes again
    private bool _disposed;         // key wiped: every operation throws ObjectDisposedException

    private AesCipher(ReadOnlySpan<byte> key)
    {
        _aes = Aes.Create();
        _keyBytes = key.ToArray();
        _aes.Key = _keyBytes;
        _key = new KeyParameter(key);
        KeySize = key.Length;
    }

    /// <summary>Key length in bytes: 16, 24 or 32.</summary>
    public int KeySize { get; }

    /// <exception cref="ArgumentException">The key is not 16, 24 or 32 bytes.</exception>
    public static AesCipher Create(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (16 or 24 or 32))
        {
            throw new ArgumentException($"An AES key is 16, 24 or 32 bytes, got {key.Length}.", nameof(key));
        }
        return new AesCipher(key);
    }

    /// <summary>ECB without padding (spec §13.5: the caller checked the length is a multiple of 16).</summary>
    public byte[] EncryptEcb(ReadOnlySpan<byte> plaintext)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Debug.Assert(plaintext.Length % BlockSize == 0);
        return _aes.EncryptEcb(plaintext, PaddingMode.None);
    }

    public byte[] DecryptEcb(ReadOnlySpan<byte> ciphertext)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Debug.Assert(ciphertext.Length % BlockSize == 0);
        return _aes.DecryptEcb(ciphertext, PaddingMode.None);
    }

    /// <summary>CBC with PKCS#7 padding: the output is the plaintext rounded up to the next whole block.</summary>
    public byte[] EncryptCbc(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> iv)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Debug.Assert(iv.Length == BlockSize);
        return _aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7);
    }

    /// <summary>CBC with PKCS#7 padding removed. False when the input is not whole blocks or the padding is bad.</summary>
    public bool TryDecryptCbc(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> iv, out byte[] plaintext)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Debug.Assert(iv.Length == BlockSize);
        plaintext = [];
        if (ciphertext.Length == 0 || ciphertext.Length % BlockSize != 0)
        {
            return false;
        }
        byte[] output = new byte[ciphertext.Length];
        try
        {
            if (!_aes.TryDecryptCbc(ciphertext, iv, output, out int written, PaddingMode.PKCS7))
            {
                return false;
            }
            plaintext = written == output.Length ? output : output.AsSpan(0, written).ToArray();
            return true;
        }
        catch (CryptographicException)
        {
            // The padding check failed: an outcome of the data, not a fault (spec §13.6 → 406).
            return false;
        }
        finally
        {
            if (plaintext != output)
            {
                CryptographicOperations.ZeroMemory(output);
            }
        }
    }

    /// <summary>
    /// Wipes what this object can reach: its copy of the key, the .NET key, and the BouncyCastle key schedules and H
    /// (re-keyed with zeros). BouncyCastle's own <see cref="KeyParameter"/> copy cannot be wiped; it goes with the GC.
    /// Using the cipher afterwards throws <see cref="ObjectDisposedException"/>, so nothing computes with a wiped key.
    /// </summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            CryptographicOperations.ZeroMemory(_keyBytes);
            _aes.Dispose();
            var zeroKey = new KeyParameter(new byte[KeySize]);
            byte[] nonce = new byte[NonceSize];
            _gcmEncrypt.Init(true, new AeadParameters(zeroKey, TagSize * 8, nonce));
            _gcmDecrypt.Init(false, new AeadParameters(zeroKey, TagSize * 8, nonce));
            _wrap.Init(true, zeroKey);
        }
    }
}
