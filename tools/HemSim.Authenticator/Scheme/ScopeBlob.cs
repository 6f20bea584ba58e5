using System.Security.Cryptography;
using System.Text;

namespace HemSim.Authenticator.Scheme;

/// <summary>
/// The encrypted scope of §4 step 3: <c>okm = HKDF(Kapp, salt = jti, info, 48)</c>, AES-128-CBC under
/// <c>okm[0..16)</c> with a random 16-byte iv, then <c>iv ‖ ct ‖ HMAC(okm[16..48), iv ‖ ct)[0..16)</c>.
/// Encrypt-then-MAC: the MAC is checked before anything is decrypted.
/// </summary>
public static class ScopeBlob
{
    public const int IvSize = 16;
    public const int MacSize = 16;
    private const int EncryptionKeySize = 16;
    private const int MacKeySize = 32;

    /// <param name="iv">Fixed iv for tests; a fresh random one otherwise.</param>
    public static byte[] Seal(ReadOnlySpan<byte> kapp, ReadOnlySpan<byte> jti, string plaintext, ScopeDirection direction, byte[]? iv = null)
    {
        if (iv is not null && iv.Length != IvSize)
        {
            throw new ArgumentException($"The iv is {IvSize} bytes.", nameof(iv));
        }
        byte[] okm = DeriveKeys(kapp, jti, direction);
        try
        {
            using var aes = Aes.Create();
            aes.Key = okm[..EncryptionKeySize];
            byte[] vector = iv ?? RandomNumberGenerator.GetBytes(IvSize);
            byte[] ct = aes.EncryptCbc(Encoding.UTF8.GetBytes(plaintext), vector, PaddingMode.PKCS7);
            byte[] blob = [.. vector, .. ct, .. new byte[MacSize]];
            Mac(okm, blob.AsSpan(0, IvSize + ct.Length)).CopyTo(blob.AsSpan(IvSize + ct.Length));
            return blob;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(okm);
        }
    }

    /// <summary>False when the blob is too short, not whole AES blocks, its MAC fails, or it does not decrypt to UTF-8.</summary>
    public static bool TryOpen(ReadOnlySpan<byte> kapp, ReadOnlySpan<byte> jti, ReadOnlySpan<byte> blob, ScopeDirection direction, out string plaintext)
    {
        plaintext = "";
        int ctLength = blob.Length - IvSize - MacSize;
        if (ctLength < 16 || ctLength % 16 != 0)
        {
            return false;
        }
        byte[] okm = DeriveKeys(kapp, jti, direction);
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(Mac(okm, blob[..(IvSize + ctLength)]), blob[^MacSize..]))
            {
                return false;
            }
            using var aes = Aes.Create();
            aes.Key = okm[..EncryptionKeySize];
            byte[] decrypted = aes.DecryptCbc(blob.Slice(IvSize, ctLength), blob[..IvSize], PaddingMode.PKCS7);
            plaintext = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(decrypted);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            // DecoderFallbackException: a blob with a valid MAC that is not UTF-8 text.
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(okm);
        }
    }

    private static byte[] DeriveKeys(ReadOnlySpan<byte> kapp, ReadOnlySpan<byte> jti, ScopeDirection direction)
    {
        string info = direction == ScopeDirection.Request ? "HemSim ext scope v1 request" : "HemSim ext scope v1 reply";
        var okm = new byte[EncryptionKeySize + MacKeySize];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, kapp, okm, jti, Encoding.ASCII.GetBytes(info));
        return okm;
    }

    private static byte[] Mac(byte[] okm, ReadOnlySpan<byte> ivAndCt) =>
        HMACSHA256.HashData(okm.AsSpan(EncryptionKeySize, MacKeySize), ivAndCt)[..MacSize];
}
