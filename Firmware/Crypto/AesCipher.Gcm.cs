using System.Diagnostics;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;

namespace HemSim.Firmware.Crypto;

internal sealed partial class AesCipher
{
    /// <summary>
    /// GCM encryption with a 16-byte nonce (NIST SP 800-38D §7.1: J0 = GHASH(IV ‖ 0-pad ‖ [len(IV)]64), since the
    /// nonce is not 96 bits) and a 16-byte tag. Writes ciphertext ‖ tag into <paramref name="output"/>, which must
    /// hold <c>plaintext.Length + TagSize</c> bytes. False (nothing written) when <paramref name="nonce"/> is the one
    /// used by the previous encryption under this key: a repeated GCM nonce gives the authentication key away, so
    /// a stuck entropy source must not produce a second ciphertext.
    /// </summary>
    public bool TryEncryptGcm(ReadOnlySpan<byte> plaintext, byte[] nonce, byte[]? aad, Span<byte> output)
    {
        Debug.Assert(nonce.Length == NonceSize && output.Length == plaintext.Length + TagSize);
        lock (_lock)
        {
            if (_lastGcmNonce is not null && _lastGcmNonce.AsSpan().SequenceEqual(nonce))
            {
                return false;
            }
            try
            {
                InitGcm(forEncryption: true, nonce, aad);
            }
            catch (ArgumentException)
            {
                // BouncyCastle's own refusal of a repeated nonce: the same outcome as the check above.
                return false;
            }
            int written = _gcmEncrypt.ProcessBytes(plaintext, output);
            written += _gcmEncrypt.DoFinal(output[written..]);
            Debug.Assert(written == output.Length);
            _lastGcmNonce = (byte[])nonce.Clone();
            return true;
        }
    }

    /// <summary>
    /// GCM decryption and tag check (16-byte nonce and tag). False when the tag does not match the key, nonce,
    /// AAD and ciphertext (spec §13.6 → 406); no plaintext is released then.
    /// </summary>
    public bool TryDecryptGcm(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, byte[] nonce, byte[]? aad, out byte[] plaintext)
    {
        Debug.Assert(nonce.Length == NonceSize && tag.Length == TagSize);
        plaintext = [];
        byte[] output = new byte[ciphertext.Length];
        lock (_lock)
        {
            InitGcm(forEncryption: false, nonce, aad);
            try
            {
                // BouncyCastle holds back the last TagSize bytes it is given as the tag: feed the tag after the data.
                int written = _gcmDecrypt.ProcessBytes(ciphertext, output);
                written += _gcmDecrypt.ProcessBytes(tag, output.AsSpan(written));
                written += _gcmDecrypt.DoFinal(output.AsSpan(written));
                Debug.Assert(written == output.Length);
            }
            catch (InvalidCipherTextException)
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(output);
                return false;
            }
        }
        plaintext = output;
        return true;
    }

    /// <summary>The key goes in once per direction (key schedule and H); later requests pass only the nonce and AAD.</summary>
    private void InitGcm(bool forEncryption, byte[] nonce, byte[]? aad)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (forEncryption)
        {
            _gcmEncrypt.Init(true, new AeadParameters(_gcmEncryptKeyed ? null : _key, TagSize * 8, nonce, aad));
            _gcmEncryptKeyed = true;
        }
        else
        {
            _gcmDecrypt.Init(false, new AeadParameters(_gcmDecryptKeyed ? null : _key, TagSize * 8, nonce, aad));
            _gcmDecryptKeyed = true;
        }
    }
}
