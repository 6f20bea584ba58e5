using System.Security.Cryptography;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// ECDSA (FIPS 186-5 §6.4) on the four SECP curves through .NET's <see cref="ECDsa"/>, which is backed by
/// OpenSSL on Linux: the message is hashed with SHA-256/384/512 and the digest truncated to the bit length of
/// the order as the standard says (§6.4.1 step 3, done by the library). Signatures are DER
/// <c>SEQUENCE{INTEGER r, INTEGER s}</c> (RFC 3279 §2.2.3), the wolfSSL default the spec recommends (§22 #8).
/// </summary>
/// <remarks>
/// <para>The per-signature nonce k comes from the library (OpenSSL draws it from its own DRBG, mixed with the
/// private key and the digest), not from the device entropy port: the issue #5 speed target asks for the
/// OpenSSL primitive, and .NET offers no way to supply k. Signatures are therefore not reproducible; tests
/// verify them instead of comparing bytes.</para>
/// <para>secp256k1 is reached by its OID (SEC 2 §2.4.1, 1.3.132.0.10); OpenSSL 3 supports it.</para>
/// </remarks>
internal static class Ecdsa
{
    private const string Secp256k1Oid = "1.3.132.0.10";

    /// <summary>The .NET curve of a SECP key type.</summary>
    /// <exception cref="ArgumentException">Not a SECP curve.</exception>
    public static ECCurve Curve(KeyType curve) => curve switch
    {
        KeyType.Secp256r1 => ECCurve.NamedCurves.nistP256,
        KeyType.Secp384r1 => ECCurve.NamedCurves.nistP384,
        KeyType.Secp521r1 => ECCurve.NamedCurves.nistP521,
        KeyType.Secp256k1 => ECCurve.CreateFromValue(Secp256k1Oid),
        _ => throw new ArgumentException($"{curve} is not a SECP curve.", nameof(curve)),
    };

    /// <summary>DER signature of <paramref name="message"/> hashed with <paramref name="hash"/>, by the raw
    /// scalar (for known-answer tests; keys of the keystore sign through a cached <see cref="EcdsaPrivateKey"/>).</summary>
    /// <exception cref="ArgumentException">Not a SECP curve, or an invalid scalar.</exception>
    public static byte[] Sign(KeyType curve, ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> message, HashAlgorithmName hash)
    {
        using var key = Import(curve, scalar, EcScalarPublicKey(curve, scalar));
        return key.SignData(message, hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>True only when <paramref name="derSignature"/> is a valid DER signature of <paramref name="message"/>
    /// under the compressed public key; false for an invalid point, malformed DER or a wrong signature.</summary>
    public static bool Verify(
        KeyType curve, ReadOnlySpan<byte> compressedPublicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> derSignature,
        HashAlgorithmName hash)
    {
        if (!Sec1.IsValidCompressed(curve, compressedPublicKey))
        {
            return false;
        }
        using var key = Import(curve, scalar: [], compressedPublicKey);
        return VerifyDer(key, message, derSignature, hash);
    }

    /// <summary>A .NET key from a compressed point and, unless empty, the private scalar.</summary>
    internal static ECDsa Import(KeyType curve, ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> compressedPublicKey)
    {
        if (!Sec1.TryDecompress(curve, compressedPublicKey, out var point))
        {
            throw new ArgumentException($"Not a valid {curve} compressed point.", nameof(compressedPublicKey));
        }
        int size = EcCurves.FieldSize(curve);
        var parameters = new ECParameters
        {
            Curve = Curve(curve),
            Q = new ECPoint { X = point[1..(1 + size)], Y = point[(1 + size)..] },
            D = scalar.IsEmpty ? null : scalar.ToArray(),
        };
        try
        {
            return ECDsa.Create(parameters);
        }
        finally
        {
            if (parameters.D is not null)
            {
                CryptographicOperations.ZeroMemory(parameters.D);
            }
        }
    }

    /// <summary>DER verification that answers false, never throws, for bytes from outside.</summary>
    internal static bool VerifyDer(ECDsa key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> derSignature, HashAlgorithmName hash)
    {
        try
        {
            return key.VerifyData(message, derSignature, hash, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static byte[] EcScalarPublicKey(KeyType curve, ReadOnlySpan<byte> scalar) =>
        EcScalar.IsValid(curve, scalar)
            ? EcScalar.CompressedPublicKey(curve, scalar)
            : throw new ArgumentException($"Not a valid {curve} private scalar.", nameof(scalar));
}
