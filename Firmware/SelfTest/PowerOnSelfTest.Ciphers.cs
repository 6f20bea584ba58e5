using HemSim.Firmware.Crypto;

namespace HemSim.Firmware.SelfTest;

internal static partial class PowerOnSelfTest
{
    // NIST SP 800-38A F.1.1 / F.2.1: AES-128 key, block #1 of the example plaintext, CBC IV; one block each.
    private static readonly byte[] s_aesKey = Convert.FromHexString("2b7e151628aed2a6abf7158809cf4f3c");
    private static readonly byte[] s_aesBlock = Convert.FromHexString("6bc1bee22e409f96e93d7e117393172a");
    private static readonly byte[] s_aesCbcIv = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
    internal static readonly byte[] AesEcbExpected = Convert.FromHexString("3ad77bb40d7a3660a89ecaf32466ef97");
    internal static readonly byte[] AesCbcExpected = Convert.FromHexString("7649abac8119b246cee98e9b12e9197d");

    // Wycheproof aes_gcm_test.json tcId 71: AES-128, 16-byte IV (the device's nonce size), AAD; ciphertext ‖ tag.
    private static readonly byte[] s_gcmKey = Convert.FromHexString("2034a82547276c83dd3212a813572bce");
    private static readonly byte[] s_gcmIv = Convert.FromHexString("3254202d854734812398127a3d134421");
    private static readonly byte[] s_gcmAad = Convert.FromHexString("1a0293d8f90219058902139013908190bc490890d3ff12a3");
    private static readonly byte[] s_gcmMsg = Convert.FromHexString("02efd2e5782312827ed5d230189a2a342b277ce048462193");
    internal static readonly byte[] AesGcmExpected = Convert.FromHexString(
        "64069c2d58690561f27ee199e6b479b6369eec688672bde9" + "9b7abadd6e69c1d9ec925786534f5075");

    // RFC 3394 §4.1: 128-bit key data wrapped with a 128-bit KEK.
    private static readonly byte[] s_kek = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
    private static readonly byte[] s_keyData = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
    internal static readonly byte[] AesWrapExpected = Convert.FromHexString("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5");

    /// <summary>
    /// Known-answer tests of AES ECB and CBC (.NET), GCM with a 16-byte nonce (BouncyCastle) and RFC 3394 wrap,
    /// each in both directions, through the same <see cref="AesCipher"/> the endpoints use.
    /// </summary>
    private static bool CipherFamiliesPass() =>
        AesEcbPasses(AesEcbExpected) && AesCbcPasses(AesCbcExpected) && AesGcmPasses(AesGcmExpected) && AesWrapPasses(AesWrapExpected);

    /// <summary>ECB encrypts the block to <paramref name="expected"/> and decrypts <paramref name="expected"/> back.</summary>
    internal static bool AesEcbPasses(byte[] expected)
    {
        using var cipher = AesCipher.Create(s_aesKey);
        return cipher.EncryptEcb(s_aesBlock).AsSpan().SequenceEqual(expected)
            && cipher.DecryptEcb(expected).AsSpan().SequenceEqual(s_aesBlock);
    }

    /// <summary>
    /// CBC: the first block of the PKCS#7-padded encryption is <paramref name="expected"/> (F.2.1 has no padding), and
    /// the whole encryption decrypts back.
    /// </summary>
    internal static bool AesCbcPasses(byte[] expected)
    {
        using var cipher = AesCipher.Create(s_aesKey);
        byte[] encrypted = cipher.EncryptCbc(s_aesBlock, s_aesCbcIv);
        return encrypted.AsSpan(0, AesCipher.BlockSize).SequenceEqual(expected)
            && cipher.TryDecryptCbc(encrypted, s_aesCbcIv, out var decrypted)
            && decrypted.AsSpan().SequenceEqual(s_aesBlock);
    }

    /// <summary>GCM seals to <paramref name="expected"/> (ciphertext ‖ tag) and opens it back.</summary>
    internal static bool AesGcmPasses(byte[] expected)
    {
        using var cipher = AesCipher.Create(s_gcmKey);
        byte[] sealedText = new byte[s_gcmMsg.Length + AesCipher.TagSize];
        if (expected.Length != sealedText.Length || !cipher.TryEncryptGcm(s_gcmMsg, s_gcmIv, s_gcmAad, sealedText))
        {
            return false;
        }
        return sealedText.AsSpan().SequenceEqual(expected)
            && cipher.TryDecryptGcm(expected.AsSpan(0, s_gcmMsg.Length), expected.AsSpan(s_gcmMsg.Length), s_gcmIv, s_gcmAad, out var opened)
            && opened.AsSpan().SequenceEqual(s_gcmMsg);
    }

    /// <summary>RFC 3394 wraps to <paramref name="expected"/> and unwraps it back.</summary>
    internal static bool AesWrapPasses(byte[] expected)
    {
        using var cipher = AesCipher.Create(s_kek);
        return cipher.Wrap(s_keyData, AesCipher.DefaultWrapIv).AsSpan().SequenceEqual(expected)
            && expected.Length >= 24 && expected.Length % 8 == 0
            && cipher.TryUnwrap(expected, AesCipher.DefaultWrapIv, out var unwrapped)
            && unwrapped.AsSpan().SequenceEqual(s_keyData);
    }
}
