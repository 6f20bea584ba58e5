using System.Diagnostics;
using System.Security.Cryptography;
using Rfc8032 = Org.BouncyCastle.Math.EC.Rfc8032;

namespace HemSim.Firmware.Crypto;

/// <summary>Ed25519, Ed25519ctx and Ed25519ph, RFC 8032 §5.1.</summary>
/// <remarks>
/// The private key is the 32-byte seed of §5.1.5 (spec §17.1 "32 seed"); the expanded scalar is
/// re-derived on every use and never stored. Verification is the cofactorless RFC 8032 §5.1.7 check
/// with a canonical-S test, as BouncyCastle implements it. Ed25519ph pre-hashes with SHA-512 (§5.1,
/// PH(M) = SHA-512(M)).
/// </remarks>
internal sealed class Ed25519 : SignatureAlgorithm
{
    private readonly EdDsaVariant _variant;

    internal Ed25519(EdDsaVariant variant)
        : base(privateKeySize: 32, publicKeySize: 32, signatureSize: 64,
            acceptsContext: variant != EdDsaVariant.Pure, requiresContext: variant == EdDsaVariant.Context)
    {
        _variant = variant;
    }

    private protected override void GetPublicKeyCore(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        Debug.Assert(privateKey.Length == PrivateKeySize && publicKey.Length == PublicKeySize);
        Rfc8032.Ed25519.GeneratePublicKey(privateKey, publicKey);
    }

    private protected override void SignCore(
        ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, Span<byte> signature)
    {
        Debug.Assert(privateKey.Length == PrivateKeySize && signature.Length == SignatureSize);
        switch (_variant)
        {
            case EdDsaVariant.Pure:
                Rfc8032.Ed25519.Sign(privateKey, message, signature);
                break;
            case EdDsaVariant.Context:
                Rfc8032.Ed25519.Sign(privateKey, context.ToArray(), message, signature);
                break;
            default:
                Rfc8032.Ed25519.SignPrehash(privateKey, context.ToArray(), SHA512.HashData(message), signature);
                break;
        }
    }

    private protected override bool VerifyCore(
        ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> context)
    {
        Debug.Assert(publicKey.Length == PublicKeySize && signature.Length == SignatureSize);
        // BouncyCastle answers false (not an exception) for a public key that does not decode.
        return _variant switch
        {
            EdDsaVariant.Pure => Rfc8032.Ed25519.Verify(signature, publicKey, message),
            EdDsaVariant.Context => Rfc8032.Ed25519.Verify(signature, publicKey, context.ToArray(), message),
            _ => Rfc8032.Ed25519.VerifyPrehash(signature, publicKey, context.ToArray(), SHA512.HashData(message)),
        };
    }
}

/// <summary>A loaded ED25519 key: BouncyCastle's private-key object, which derives and keeps its public key once.</summary>
internal sealed class Ed25519PrivateKey : ExdsaPrivateKey
{
    private readonly Org.BouncyCastle.Crypto.Parameters.Ed25519PrivateKeyParameters _key;

    internal Ed25519PrivateKey(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SignatureAlgorithm.Ed25519.PrivateKeySize)
        {
            throw new ArgumentException($"An Ed25519 seed is 32 bytes, got {seed.Length}.", nameof(seed));
        }
        _key = new(seed);
        _key.GeneratePublicKey();
    }

    public override byte[] Sign(ExdsaAlgorithm algorithm, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context)
    {
        var variant = ExdsaAlgorithms.EdDsa(algorithm);
        if (variant is not Ed25519 || !variant.IsValidContext(context))
        {
            throw new ArgumentException($"{algorithm} with a {context.Length}-byte context does not fit an Ed25519 key.", nameof(algorithm));
        }
        byte[] signature = new byte[variant.SignatureSize];
        switch (algorithm)
        {
            case ExdsaAlgorithm.Ed25519:
                _key.Sign(Rfc8032.Ed25519.Algorithm.Ed25519, null, message, signature);
                break;
            case ExdsaAlgorithm.Ed25519ctx:
                _key.Sign(Rfc8032.Ed25519.Algorithm.Ed25519ctx, context.ToArray(), message, signature);
                break;
            default:
                _key.Sign(Rfc8032.Ed25519.Algorithm.Ed25519ph, context.ToArray(), SHA512.HashData(message), signature);
                break;
        }
        return signature;
    }
}

/// <summary>A loaded ED25519 public key: BouncyCastle's object keeps the decoded point.</summary>
internal sealed class Ed25519PublicKey : ExdsaPublicKey
{
    private readonly Org.BouncyCastle.Crypto.Parameters.Ed25519PublicKeyParameters _key;

    private Ed25519PublicKey(Org.BouncyCastle.Crypto.Parameters.Ed25519PublicKeyParameters key) => _key = key;

    internal static ExdsaPublicKey Load(byte[] publicKey)
    {
        if (publicKey.Length != SignatureAlgorithm.Ed25519.PublicKeySize)
        {
            return new NotAPoint();
        }
        try
        {
            return new Ed25519PublicKey(new(publicKey));
        }
        catch (ArgumentException)
        {
            // BouncyCastle refuses an encoding that is no curve point (RFC 8032 §5.1.3 decoding fails).
            return new NotAPoint();
        }
    }

    public override bool Verify(
        ExdsaAlgorithm algorithm, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> context)
    {
        var variant = ExdsaAlgorithms.EdDsa(algorithm);
        if (variant is not Ed25519)
        {
            throw new ArgumentException($"{algorithm} does not fit an Ed25519 key.", nameof(algorithm));
        }
        if (signature.Length != variant.SignatureSize || !variant.IsValidContext(context))
        {
            return false;
        }
        return algorithm switch
        {
            ExdsaAlgorithm.Ed25519 => _key.Verify(Rfc8032.Ed25519.Algorithm.Ed25519, null, message, signature),
            ExdsaAlgorithm.Ed25519ctx => _key.Verify(Rfc8032.Ed25519.Algorithm.Ed25519ctx, context.ToArray(), message, signature),
            _ => _key.Verify(Rfc8032.Ed25519.Algorithm.Ed25519ph, context.ToArray(), SHA512.HashData(message), signature),
        };
    }
}
