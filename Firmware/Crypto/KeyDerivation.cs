using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// The key builder of <c>keymgmt/derive</c> (spec §12.10, §18.3): turns an ECDH shared secret into a key
/// of the target type through <c>okm = HKDF-SHA256(IKM = ss, salt = none, info = "encedo-" + type, L)</c>
/// (RFC 5869), where L is the target's secret size (§17.1).
/// </summary>
/// <remarks>
/// How <c>okm</c> becomes the key: symmetric (AES, HMAC) → <c>okm</c> is the key; X25519/X448 → the raw
/// private key; Ed25519/Ed448 → the RFC 8032 seed; SECP → the big-endian scalar, which must lie in
/// [1, n−1] (the docs warn derive "can fail without being an error": it answers 406). ML-KEM / ML-DSA
/// are not derivable (§17.1 "✗ (QUIRK echo)").
/// </remarks>
internal static class KeyDerivation
{
    /// <summary>ASCII prefix of the HKDF <c>info</c>; the type part follows as sent (§22 #11).</summary>
    public const string InfoPrefix = "encedo-";

    /// <summary>The 17 non-PQC types of §17.1: everything a key can be derived into.</summary>
    public static bool IsDerivable(KeyType type) => KeyTypes.ClassOf(type) is
        KeyClass.Secp or KeyClass.Montgomery or KeyClass.Edwards or KeyClass.Hmac or KeyClass.Aes;

    /// <summary>
    /// Derives a key of <paramref name="target"/> from <paramref name="sharedSecret"/>. False only when the
    /// SECP scalar falls outside [1, n−1]. The caller owns the returned key's secret.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not derivable.</exception>
    public static bool TryDerive(KeyType target, ReadOnlySpan<byte> sharedSecret, [NotNullWhen(true)] out GeneratedKey? key)
    {
        if (!IsDerivable(target))
        {
            throw new ArgumentException($"{target} cannot be derived.", nameof(target));
        }

        key = null;
        // KeyTypes.TryParse is exact and case-sensitive, so the type "as sent" is its wire name.
        byte[] info = Encoding.ASCII.GetBytes(InfoPrefix + KeyTypes.WireName(target));
        byte[] okm = new byte[KeyTypes.SecretSize(target)];
        // An empty salt is HashLen zero bytes (RFC 5869 §2.2), the "no salt" of §18.3.
        HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, okm, salt: [], info);
        KeyMaterial secret = KeyMaterial.TakeOwnership(okm);
        if (KeyTypes.ClassOf(target) == KeyClass.Secp && !EcScalar.IsValid(target, secret.Span))
        {
            secret.Dispose();
            return false;
        }

        try
        {
            byte[]? publicKey = KeyTypes.IsAsymmetric(target) ? KeyGenerator.PublicKeyOf(target, secret.Span) : null;
            key = new GeneratedKey(target, secret, publicKey);
            return true;
        }
        catch
        {
            secret.Dispose();
            throw;
        }
    }
}
