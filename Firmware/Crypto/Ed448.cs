using System.Diagnostics;
using Rfc8032 = Org.BouncyCastle.Math.EC.Rfc8032;

namespace HemSim.Firmware.Crypto;

/// <summary>Ed448 and Ed448ph, RFC 8032 §5.2.</summary>
/// <remarks>
/// The private key is the 57-byte seed of §5.2.5 (spec §17.1 "57 seed"). Both variants carry a context
/// in dom4, which may be empty (§5.2). Ed448ph pre-hashes with SHAKE256 to 64 bytes (§5.2, PH(M) =
/// SHAKE256(M, 64)).
/// </remarks>
internal sealed class Ed448 : SignatureAlgorithm
{
    /// <summary>Bytes of the Ed448ph pre-hash (RFC 8032 §5.2: SHAKE256 output of 64 octets).</summary>
    internal const int PrehashSize = 64;

    private readonly bool _prehash;

    internal Ed448(EdDsaVariant variant)
        : base(privateKeySize: 57, publicKeySize: 57, signatureSize: 114, acceptsContext: true, requiresContext: false)
    {
        Debug.Assert(variant != EdDsaVariant.Pure, "Ed448 always has dom4 with a (possibly empty) context.");
        _prehash = variant == EdDsaVariant.Prehash;
    }

    /// <summary>PH(M) of Ed448ph: SHAKE256(M, 64).</summary>
    internal static byte[] Prehash(ReadOnlySpan<byte> message)
    {
        var shake = Rfc8032.Ed448.CreatePrehash();
        shake.BlockUpdate(message);
        byte[] digest = new byte[PrehashSize];
        shake.OutputFinal(digest);
        return digest;
    }

    private protected override void GetPublicKeyCore(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        Debug.Assert(privateKey.Length == PrivateKeySize && publicKey.Length == PublicKeySize);
        Rfc8032.Ed448.GeneratePublicKey(privateKey, publicKey);
    }

    private protected override void SignCore(
        ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, Span<byte> signature)
    {
        Debug.Assert(privateKey.Length == PrivateKeySize && signature.Length == SignatureSize);
        if (_prehash)
        {
            Rfc8032.Ed448.SignPrehash(privateKey, context.ToArray(), Prehash(message), signature);
        }
        else
        {
            Rfc8032.Ed448.Sign(privateKey, context.ToArray(), message, signature);
        }
    }

    private protected override bool VerifyCore(
        ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> context)
    {
        Debug.Assert(publicKey.Length == PublicKeySize && signature.Length == SignatureSize);
        // BouncyCastle answers false (not an exception) for a public key that does not decode.
        return _prehash
            ? Rfc8032.Ed448.VerifyPrehash(signature, publicKey, context.ToArray(), Prehash(message))
            : Rfc8032.Ed448.Verify(signature, publicKey, context.ToArray(), message);
    }
}

/// <summary>A loaded ED448 key: BouncyCastle's private-key object, which derives and keeps its public key once.</summary>
internal sealed class Ed448PrivateKey : ExdsaPrivateKey
{
    private readonly Org.BouncyCastle.Crypto.Parameters.Ed448PrivateKeyParameters _key;

    internal Ed448PrivateKey(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SignatureAlgorithm.Ed448.PrivateKeySize)
        {
            throw new ArgumentException($"An Ed448 seed is 57 bytes, got {seed.Length}.", nameof(seed));
        }
        _key = new(seed);
        _key.GeneratePublicKey();
    }

    public override byte[] Sign(ExdsaAlgorithm algorithm, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context)
    {
        var variant = ExdsaAlgorithms.EdDsa(algorithm);
        if (variant is not Ed448 || !variant.IsValidContext(context))
        {
            throw new ArgumentException($"{algorithm} with a {context.Length}-byte context does not fit an Ed448 key.", nameof(algorithm));
        }
        byte[] signature = new byte[variant.SignatureSize];
        if (algorithm == ExdsaAlgorithm.Ed448ph)
        {
            _key.Sign(Rfc8032.Ed448.Algorithm.Ed448ph, context.ToArray(), Ed448.Prehash(message), signature);
        }
        else
        {
            _key.Sign(Rfc8032.Ed448.Algorithm.Ed448, context.ToArray(), message, signature);
        }
        return signature;
    }
}

/// <summary>A loaded ED448 public key: BouncyCastle's object keeps the decoded point.</summary>
internal sealed class Ed448PublicKey : ExdsaPublicKey
{
    private readonly Org.BouncyCastle.Crypto.Parameters.Ed448PublicKeyParameters _key;

    private Ed448PublicKey(Org.BouncyCastle.Crypto.Parameters.Ed448PublicKeyParameters key) => _key = key;

    internal static ExdsaPublicKey Load(byte[] publicKey)
    {
        if (publicKey.Length != SignatureAlgorithm.Ed448.PublicKeySize)
        {
            return new NotAPoint();
        }
        try
        {
            return new Ed448PublicKey(new(publicKey));
        }
        catch (ArgumentException)
        {
            // BouncyCastle refuses an encoding that is no curve point (RFC 8032 §5.2.3 decoding fails).
            return new NotAPoint();
        }
    }

    public override bool Verify(
        ExdsaAlgorithm algorithm, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> context)
    {
        var variant = ExdsaAlgorithms.EdDsa(algorithm);
        if (variant is not Ed448)
        {
            throw new ArgumentException($"{algorithm} does not fit an Ed448 key.", nameof(algorithm));
        }
        if (signature.Length != variant.SignatureSize || !variant.IsValidContext(context))
        {
            return false;
        }
        return algorithm == ExdsaAlgorithm.Ed448ph
            ? _key.Verify(Rfc8032.Ed448.Algorithm.Ed448ph, context.ToArray(), Ed448.Prehash(message), signature)
            : _key.Verify(Rfc8032.Ed448.Algorithm.Ed448, context.ToArray(), message, signature);
    }
}
