using System.Diagnostics;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;

namespace HemSim.Firmware.Crypto;

internal sealed partial class AesCipher
{
    /// <summary>
    /// RFC 3394 §2.2.1 key wrap of <paramref name="keyData"/> (n ≥ 2 blocks of 8 bytes, checked by the caller) under
    /// this key as KEK, with the initial value <paramref name="iv"/> (8 bytes; <see cref="DefaultWrapIv"/> unless
    /// the caller has another, RFC 3394 §2.2.3.2). The result is 8 bytes longer.
    /// </summary>
    public byte[] Wrap(ReadOnlySpan<byte> keyData, ReadOnlySpan<byte> iv)
    {
        Debug.Assert(keyData.Length >= 16 && keyData.Length % 8 == 0 && iv.Length == WrapIvSize);
        byte[] input = keyData.ToArray();
        try
        {
            lock (_lock)
            {
                // Always with the IV: the engine keeps an IV from an earlier Init otherwise.
                ObjectDisposedException.ThrowIf(_disposed, this);
                _wrap.Init(true, new ParametersWithIV(_key, iv));
                return _wrap.Wrap(input, 0, input.Length);
            }
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(input);
        }
    }

    /// <summary>
    /// RFC 3394 §2.2.2 unwrap (the caller checked: a multiple of 8, at least 24 bytes). False when the integrity
    /// check of §2.2.3 fails: another KEK, another initial value, or altered data (spec §13.8 → 406).
    /// </summary>
    public bool TryUnwrap(ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> iv, out byte[] keyData)
    {
        Debug.Assert(wrapped.Length >= 24 && wrapped.Length % 8 == 0 && iv.Length == WrapIvSize);
        keyData = [];
        byte[] input = wrapped.ToArray();
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _wrap.Init(false, new ParametersWithIV(_key, iv));
            try
            {
                keyData = _wrap.Unwrap(input, 0, input.Length);
                return true;
            }
            catch (InvalidCipherTextException)
            {
                return false;
            }
        }
    }
}
