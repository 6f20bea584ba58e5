using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Auth.External;

/// <summary>
/// An encrypted scope (docs/EXTERNAL-AUTH.md §4 step 3; spec §9.2 "AES-128-CBC under a key derived from ECDH plus a
/// nonce"): <c>okm = HKDF-SHA256(ikm = Kapp, salt = jti bytes, info, 48)</c>, <c>kenc = okm[0..16)</c>,
/// <c>kmac = okm[16..48)</c>; <c>blob = iv ‖ AES-128-CBC(kenc, iv, PKCS#7(scope)) ‖ HMAC(kmac, iv ‖ ct)[0..16)</c>.
/// The salt binds a blob to one request, the info to one direction, so a blob cannot be replayed into another
/// request nor reflected from request to reply.
/// </summary>
internal static class ScopeBlob
{
    /// <summary>Info of the device → app blob in an <c>authreq</c>.</summary>
    public static readonly byte[] RequestInfo = "HemSim ext scope v1 request"u8.ToArray();

    /// <summary>Info of the app → device blob in an <c>authreply</c>.</summary>
    public static readonly byte[] ReplyInfo = "HemSim ext scope v1 reply"u8.ToArray();

    private const int IvSize = 16;
    private const int TagSize = 16;
    private const int EncKeySize = 16;
    private const int MacKeySize = 32;

    public static byte[] Seal(ReadOnlySpan<byte> kapp, ReadOnlySpan<byte> jti, ReadOnlySpan<byte> info, string scope, IEntropySource entropy)
    {
        Span<byte> okm = stackalloc byte[EncKeySize + MacKeySize];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, kapp, okm, jti, info);
        try
        {
            using var aes = Aes.Create();
            aes.Key = okm[..EncKeySize].ToArray();
            var iv = new byte[IvSize];
            entropy.Fill(iv);
            var ct = aes.EncryptCbc(Encoding.UTF8.GetBytes(scope), iv, PaddingMode.PKCS7);
            var blob = new byte[IvSize + ct.Length + TagSize];
            iv.CopyTo(blob, 0);
            ct.CopyTo(blob, IvSize);
            Span<byte> tag = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(okm[EncKeySize..], blob.AsSpan(0, IvSize + ct.Length), tag);
            tag[..TagSize].CopyTo(blob.AsSpan(IvSize + ct.Length));
            return blob;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(okm);
        }
    }

    /// <summary>
    /// Checks the tag first (constant time), then decrypts. False when the blob is too short, the tag fails, the
    /// padding is wrong or the plaintext is not UTF-8: all mean "tampered" to the caller.
    /// </summary>
    public static bool TryOpen(ReadOnlySpan<byte> kapp, ReadOnlySpan<byte> jti, ReadOnlySpan<byte> info, byte[] blob, out string scope)
    {
        scope = "";
        var ctLength = blob.Length - IvSize - TagSize;
        if (ctLength <= 0 || ctLength % IvSize != 0)
        {
            return false;
        }
        Span<byte> okm = stackalloc byte[EncKeySize + MacKeySize];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, kapp, okm, jti, info);
        try
        {
            Span<byte> tag = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(okm[EncKeySize..], blob.AsSpan(0, IvSize + ctLength), tag);
            if (!CryptographicOperations.FixedTimeEquals(tag[..TagSize], blob.AsSpan(IvSize + ctLength)))
            {
                return false;
            }
            using var aes = Aes.Create();
            aes.Key = okm[..EncKeySize].ToArray();
            var plain = new byte[ctLength];
            if (!aes.TryDecryptCbc(blob.AsSpan(IvSize, ctLength), blob.AsSpan(0, IvSize), plain, out var written, PaddingMode.PKCS7)
                || !global::System.Text.Unicode.Utf8.IsValid(plain.AsSpan(0, written)))
            {
                return false;
            }
            scope = Encoding.UTF8.GetString(plain, 0, written);
            return true;
        }
        catch (CryptographicException)
        {
            // Bad padding under a valid tag: only a sender holding kmac can get here; still just "tampered".
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(okm);
        }
    }
}
