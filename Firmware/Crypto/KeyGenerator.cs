using System.Diagnostics;
using System.Security.Cryptography;
using HemSim.Firmware.Platform;
using Rfc8032 = Org.BouncyCastle.Math.EC.Rfc8032;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// Key generation for <c>keymgmt/create</c> (spec §12.7, §17.1), public-key recomputation from a stored
/// secret, and the kid rule (§17.4, §22 #13).
/// </summary>
/// <remarks>
/// Every random byte comes from the <see cref="IEntropySource"/> argument, so a deterministic source
/// yields identical keys and a failing health test surfaces as its exception, never as a weak key.
/// </remarks>
internal static class KeyGenerator
{
    private const int KidSize = 16;

    /// <exception cref="ArgumentException"><paramref name="type"/> is not creatable (GENERIC_DER, undefined).</exception>
    public static GeneratedKey Generate(KeyType type, IEntropySource entropy)
    {
        ArgumentNullException.ThrowIfNull(entropy);
        if (!KeyTypes.Creatable.Contains(type))
        {
            throw new ArgumentException($"{type} cannot be generated.", nameof(type));
        }

        KeyMaterial secret = KeyMaterial.TakeOwnership(GenerateSecret(type, entropy));
        try
        {
            byte[]? publicKey = KeyTypes.IsAsymmetric(type) ? PublicKeyOfCore(type, secret.Span) : null;
            return new GeneratedKey(type, secret, publicKey);
        }
        catch
        {
            secret.Dispose();
            throw;
        }
    }

    /// <summary>Recomputes the §17.5 public encoding from a stored secret (e.g. after a restart).</summary>
    /// <exception cref="ArgumentException">Symmetric type, wrong secret length, or an invalid SECP scalar.</exception>
    public static byte[] PublicKeyOf(KeyType type, ReadOnlySpan<byte> secret)
    {
        if (!KeyTypes.IsAsymmetric(type))
        {
            throw new ArgumentException($"{type} has no public key.", nameof(type));
        }

        if (secret.Length != KeyTypes.SecretSize(type))
        {
            throw new ArgumentException(
                $"{type} secret must be {KeyTypes.SecretSize(type)} bytes, got {secret.Length}.", nameof(secret));
        }

        if (KeyTypes.ClassOf(type) == KeyClass.Secp && !EcScalar.IsValid(type, secret))
        {
            throw new ArgumentException($"Not a valid {type} private scalar.", nameof(secret));
        }

        return PublicKeyOfCore(type, secret);
    }

    /// <summary>
    /// kid = SHA-1(public key in §17.5 encoding)[0..16) for asymmetric types (the import rule of §17.4,
    /// applied to generated keys too), SHA-1(secret)[0..16) for HMAC/AES keys (§22 #13). GENERIC_DER
    /// records get random kids (§17.4), so they are refused here.
    /// </summary>
    public static byte[] KidOf(KeyType type, ReadOnlySpan<byte> secret, byte[]? publicKey)
    {
        if (KeyTypes.IsAsymmetric(type))
        {
            ArgumentNullException.ThrowIfNull(publicKey);
            return SHA1.HashData(publicKey)[..KidSize];
        }

        if (KeyTypes.ClassOf(type) == KeyClass.Der)
        {
            throw new ArgumentException("GENERIC_DER records use random kids (spec §17.4).", nameof(type));
        }

        if (secret.IsEmpty)
        {
            throw new ArgumentException("A symmetric kid needs the key bytes.", nameof(secret));
        }

        return SHA1.HashData(secret)[..KidSize];
    }

    private static byte[] GenerateSecret(KeyType type, IEntropySource entropy)
    {
        switch (KeyTypes.ClassOf(type))
        {
            case KeyClass.Secp:
                return EcScalar.Sample(type, entropy);
            case KeyClass.MlKem:
                return PqcKeys.GenerateMlKemSeed(type, entropy);
            case KeyClass.MlDsa:
                return PqcKeys.GenerateMlDsaSeed(type, entropy);
            case KeyClass.Montgomery or KeyClass.Edwards or KeyClass.Hmac or KeyClass.Aes:
                // X25519/X448 private keys and Ed25519/Ed448 seeds are uniform bytes (RFC 7748 §5, RFC 8032
                // §5.1.5/§5.2.5); HMAC keys are digest-sized and AES keys key-sized (§17.1).
                byte[] bytes = new byte[KeyTypes.SecretSize(type)];
                entropy.Fill(bytes);
                return bytes;
            default:
                throw new UnreachableException($"{type} is not creatable.");
        }
    }

    private static byte[] PublicKeyOfCore(KeyType type, ReadOnlySpan<byte> secret)
    {
        Debug.Assert(secret.Length == KeyTypes.SecretSize(type));
        return type switch
        {
            KeyType.Secp256r1 or KeyType.Secp384r1 or KeyType.Secp521r1 or KeyType.Secp256k1 =>
                EcScalar.CompressedPublicKey(type, secret),
            KeyType.Curve25519 => KeyAgreementAlgorithm.X25519.GetPublicKey(secret),
            KeyType.Curve448 => KeyAgreementAlgorithm.X448.GetPublicKey(secret),
            KeyType.Ed25519 => SignatureAlgorithm.Ed25519.GetPublicKey(secret),
            KeyType.Ed448 => Ed448PublicKey(secret),
            KeyType.MlKem512 or KeyType.MlKem768 or KeyType.MlKem1024 =>
                PqcKeys.MlKemPrivateKey(type, secret).GetPublicKeyEncoded(),
            KeyType.MlDsa44 or KeyType.MlDsa65 or KeyType.MlDsa87 =>
                PqcKeys.MlDsaPrivateKey(type, secret).GetPublicKeyEncoded(),
            _ => throw new UnreachableException($"{type} is not asymmetric."),
        };
    }

    // Moves behind SignatureAlgorithm.Ed448 when Ed448 signing lands (spec §13.3).
    private static byte[] Ed448PublicKey(ReadOnlySpan<byte> seed)
    {
        byte[] publicKey = new byte[Rfc8032.Ed448.PublicKeySize];
        Rfc8032.Ed448.GeneratePublicKey(seed, publicKey);
        return publicKey;
    }
}
