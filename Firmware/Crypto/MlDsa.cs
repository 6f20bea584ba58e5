using System.Diagnostics;
using HemSim.Firmware.Platform;
using ICipherParameters = Org.BouncyCastle.Crypto.ICipherParameters;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// Pure ML-DSA (FIPS 204 Alg. 2/3, not HashML-DSA) over BouncyCastle, one instance per parameter set:
/// <c>MlDsa.For(KeyType.MlDsa65).Sign(…)</c>. Keys are prepared objects (<see cref="MlDsaPrivateKey"/>,
/// <see cref="MlDsaPublicKey"/>) that the key store caches per record, so a request never re-expands a key.
/// </summary>
/// <remarks>
/// Sizes (FIPS 204 §4, Table 2): pk 1312/1952/2592 B, signature 2420/3309/4627 B. The private key is stored
/// as the 32-byte seed ξ (<see cref="PqcKeys"/>). The context string is at most 255 bytes (FIPS 204 Alg. 2
/// step 1); a longer one is misuse when signing and a failed verification when verifying. A signature that
/// does not verify, including one of the wrong length, is a result (false), never an exception.
/// </remarks>
internal sealed class MlDsa
{
    public const int MaxContextSize = 255;

    private readonly MLDsaParameters _parameters;

    private MlDsa(KeyType type, int signatureSize)
    {
        KeyType = type;
        Name = KeyTypes.WireName(type);
        PublicKeySize = KeyTypes.PublicKeySize(type);
        SignatureSize = signatureSize;
        _parameters = PqcKeys.MlDsaParameters(type);
    }

    public static MlDsa MlDsa44 { get; } = new(KeyType.MlDsa44, 2420);

    public static MlDsa MlDsa65 { get; } = new(KeyType.MlDsa65, 3309);

    public static MlDsa MlDsa87 { get; } = new(KeyType.MlDsa87, 4627);

    public KeyType KeyType { get; }

    /// <summary>The §18.1 name, as the sign endpoint reports it in <c>alg</c>: <c>MLDSA44</c>…</summary>
    public string Name { get; }

    public int PublicKeySize { get; }

    public int SignatureSize { get; }

    /// <exception cref="ArgumentException"><paramref name="type"/> is not an ML-DSA type.</exception>
    public static MlDsa For(KeyType type) => type switch
    {
        KeyType.MlDsa44 => MlDsa44,
        KeyType.MlDsa65 => MlDsa65,
        KeyType.MlDsa87 => MlDsa87,
        _ => throw new ArgumentException($"{type} is not an ML-DSA type.", nameof(type)),
    };

    /// <summary>Expands the 32-byte seed ξ (FIPS 204 Alg. 6); the result keeps its public key ready.</summary>
    /// <exception cref="ArgumentException">The seed is not 32 bytes.</exception>
    public MlDsaPrivateKey OpenPrivateKey(ReadOnlySpan<byte> seed)
    {
        var key = PqcKeys.MlDsaPrivateKey(KeyType, seed);
        return new MlDsaPrivateKey(this, key, new MlDsaPublicKey(this, key.GetPublicKey()));
    }

    /// <summary>
    /// Imports a public key (FIPS 204 Alg. 23 pkDecode). One of the wrong length yields an object whose
    /// <see cref="MlDsaPublicKey.IsValid"/> is false (every signature then fails to verify).
    /// </summary>
    public MlDsaPublicKey ImportPublicKey(byte[] publicKey) =>
        new(this, publicKey.Length == PublicKeySize ? MLDsaPublicKeyParameters.FromEncoding(_parameters, publicKey) : null);

    /// <summary>
    /// ML-DSA.Sign (FIPS 204 Alg. 2). Hedged: the 32-byte <c>rnd</c> comes from <paramref name="entropy"/>;
    /// with null, the deterministic variant (<c>rnd</c> = 0³², FIPS 204 §3.4), used by the known-answer tests.
    /// </summary>
    /// <exception cref="ArgumentException">The context is longer than 255 bytes, or the key is of another set.</exception>
    public byte[] Sign(MlDsaPrivateKey privateKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, IEntropySource? entropy)
    {
        RequireOwn(privateKey.Algorithm);
        if (context.Length > MaxContextSize)
        {
            throw new ArgumentException($"Context must be at most {MaxContextSize} bytes.", nameof(context));
        }
        var signer = new MLDsaSigner(_parameters, deterministic: entropy is null);
        ICipherParameters key = entropy is null
            ? privateKey.Key
            : new ParametersWithRandom(privateKey.Key, new EntropySecureRandom(entropy));
        signer.Init(forSigning: true, new ParametersWithContext(key, context));
        signer.BlockUpdate(message);
        var signature = signer.GenerateSignature();
        Debug.Assert(signature.Length == SignatureSize);
        return signature;
    }

    /// <summary>ML-DSA.Verify (FIPS 204 Alg. 3). False for a bad signature, a wrong length, an over-long context or an invalid key.</summary>
    public bool Verify(MlDsaPublicKey publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, byte[] signature)
    {
        RequireOwn(publicKey.Algorithm);
        if (publicKey.Key is null || signature.Length != SignatureSize || context.Length > MaxContextSize)
        {
            return false;
        }
        var verifier = new MLDsaSigner(_parameters, deterministic: true);
        verifier.Init(forSigning: false, new ParametersWithContext(publicKey.Key, context));
        verifier.BlockUpdate(message);
        return verifier.VerifySignature(signature);
    }

    private void RequireOwn(MlDsa owner)
    {
        if (!ReferenceEquals(owner, this))
        {
            throw new ArgumentException($"The key is {owner.Name}, not {Name}.");
        }
    }
}

/// <summary>An expanded ML-DSA private key with its public key (Crypto/-only contents).</summary>
internal sealed class MlDsaPrivateKey
{
    internal MlDsaPrivateKey(MlDsa algorithm, MLDsaPrivateKeyParameters key, MlDsaPublicKey publicKey)
    {
        Algorithm = algorithm;
        Key = key;
        PublicKey = publicKey;
    }

    public MlDsa Algorithm { get; }

    public MlDsaPublicKey PublicKey { get; }

    internal MLDsaPrivateKeyParameters Key { get; }
}

/// <summary>An ML-DSA public key; <see cref="IsValid"/> is false when its encoding had the wrong length.</summary>
internal sealed class MlDsaPublicKey
{
    internal MlDsaPublicKey(MlDsa algorithm, MLDsaPublicKeyParameters? key)
    {
        Algorithm = algorithm;
        Key = key;
    }

    public MlDsa Algorithm { get; }

    public bool IsValid => Key is not null;

    /// <summary>The §17.5 encoding.</summary>
    /// <exception cref="InvalidOperationException">The key is not valid.</exception>
    public byte[] Export() => (Key ?? throw new InvalidOperationException("Invalid public key.")).GetEncoded();

    internal MLDsaPublicKeyParameters? Key { get; }
}
