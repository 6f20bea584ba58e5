using System.Diagnostics;
using HemSim.Firmware.Platform;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// ML-KEM (FIPS 203) over BouncyCastle, one instance per parameter set (NSec's <c>KemAlgorithm</c> shape):
/// <c>MlKem.For(KeyType.MlKem768).Encapsulate(…)</c>. Keys are prepared objects (<see cref="MlKemPrivateKey"/>,
/// <see cref="MlKemPublicKey"/>) that the key store caches per record, so a request never re-expands a key.
/// </summary>
/// <remarks>
/// Sizes (FIPS 203 §8, Table 3): ek 800/1184/1568 B, ct 768/1088/1568 B, shared secret 32 B. The private key
/// is stored as the 64-byte seed d ‖ z (<see cref="PqcKeys"/>). A ciphertext of the wrong length is misuse
/// (the endpoint checks it, spec §13.11); any ciphertext of the right length decapsulates, a forged one to
/// the implicit-rejection secret (FIPS 203 Alg. 18 step 10).
/// </remarks>
internal sealed class MlKem
{
    public const int SharedSecretSize = 32;

    private readonly MLKemParameters _parameters;

    private MlKem(KeyType type, int ciphertextSize)
    {
        KeyType = type;
        Name = KeyTypes.WireName(type);
        PublicKeySize = KeyTypes.PublicKeySize(type);
        CiphertextSize = ciphertextSize;
        _parameters = PqcKeys.MlKemParameters(type);
    }

    public static MlKem MlKem512 { get; } = new(KeyType.MlKem512, 768);

    public static MlKem MlKem768 { get; } = new(KeyType.MlKem768, 1088);

    public static MlKem MlKem1024 { get; } = new(KeyType.MlKem1024, 1568);

    public KeyType KeyType { get; }

    /// <summary>The §18.1 name, as the endpoints report it in <c>alg</c>: <c>MLKEM512</c>…</summary>
    public string Name { get; }

    /// <summary>Length of the encapsulation key (§17.5).</summary>
    public int PublicKeySize { get; }

    public int CiphertextSize { get; }

    /// <exception cref="ArgumentException"><paramref name="type"/> is not an ML-KEM type.</exception>
    public static MlKem For(KeyType type) => type switch
    {
        KeyType.MlKem512 => MlKem512,
        KeyType.MlKem768 => MlKem768,
        KeyType.MlKem1024 => MlKem1024,
        _ => throw new ArgumentException($"{type} is not an ML-KEM type.", nameof(type)),
    };

    /// <summary>Expands the 64-byte seed d ‖ z (FIPS 203 Alg. 16); the result keeps its public key ready.</summary>
    /// <exception cref="ArgumentException">The seed is not 64 bytes.</exception>
    public MlKemPrivateKey OpenPrivateKey(ReadOnlySpan<byte> seed)
    {
        var key = PqcKeys.MlKemPrivateKey(KeyType, seed);
        return new MlKemPrivateKey(this, key, new MlKemPublicKey(this, key.GetPublicKey()));
    }

    /// <summary>
    /// Imports an encapsulation key. One that fails the FIPS 203 §7.2 input checks (length, or a coefficient
    /// not reduced mod q) still yields an object, whose <see cref="MlKemPublicKey.IsValid"/> is false, so
    /// the key store can cache the verdict with the record.
    /// </summary>
    public MlKemPublicKey ImportPublicKey(byte[] encapsulationKey)
    {
        if (encapsulationKey.Length != PublicKeySize)
        {
            return new MlKemPublicKey(this, null);
        }
        try
        {
            return new MlKemPublicKey(this, MLKemPublicKeyParameters.FromEncoding(_parameters, encapsulationKey));
        }
        catch (ArgumentException)
        {
            // BouncyCastle's modulus check (FIPS 203 §7.2 step 2).
            return new MlKemPublicKey(this, null);
        }
    }

    /// <summary>
    /// ML-KEM.Encaps (FIPS 203 Alg. 20): the 32-byte message m comes from <paramref name="entropy"/>. False
    /// (nothing drawn) for a key that failed its input checks.
    /// </summary>
    public bool TryEncapsulate(MlKemPublicKey publicKey, IEntropySource entropy, out byte[] sharedSecret, out byte[] ciphertext)
    {
        RequireOwn(publicKey.Algorithm);
        sharedSecret = [];
        ciphertext = [];
        if (publicKey.Key is null)
        {
            return false;
        }
        var encapsulator = new MLKemEncapsulator(_parameters);
        encapsulator.Init(new ParametersWithRandom(publicKey.Key, new EntropySecureRandom(entropy)));
        ciphertext = new byte[CiphertextSize];
        sharedSecret = new byte[SharedSecretSize];
        encapsulator.Encapsulate(ciphertext, sharedSecret);
        return true;
    }

    /// <summary>ML-KEM.Decaps (FIPS 203 Alg. 21).</summary>
    /// <exception cref="ArgumentException">The ciphertext is not <see cref="CiphertextSize"/> bytes.</exception>
    public byte[] Decapsulate(MlKemPrivateKey privateKey, ReadOnlySpan<byte> ciphertext)
    {
        RequireOwn(privateKey.Algorithm);
        if (ciphertext.Length != CiphertextSize)
        {
            throw new ArgumentException($"Ciphertext must be {CiphertextSize} bytes, got {ciphertext.Length}.", nameof(ciphertext));
        }
        var decapsulator = new MLKemDecapsulator(_parameters);
        decapsulator.Init(privateKey.Key);
        byte[] sharedSecret = new byte[SharedSecretSize];
        decapsulator.Decapsulate(ciphertext, sharedSecret);
        return sharedSecret;
    }

    private void RequireOwn(MlKem owner)
    {
        if (!ReferenceEquals(owner, this))
        {
            throw new ArgumentException($"The key is {owner.Name}, not {Name}.");
        }
    }
}

/// <summary>An expanded ML-KEM decapsulation key with its encapsulation key (Crypto/-only contents).</summary>
internal sealed class MlKemPrivateKey
{
    internal MlKemPrivateKey(MlKem algorithm, MLKemPrivateKeyParameters key, MlKemPublicKey publicKey)
    {
        Debug.Assert(publicKey.IsValid);
        Algorithm = algorithm;
        Key = key;
        PublicKey = publicKey;
    }

    public MlKem Algorithm { get; }

    public MlKemPublicKey PublicKey { get; }

    internal MLKemPrivateKeyParameters Key { get; }
}

/// <summary>An imported ML-KEM encapsulation key; <see cref="IsValid"/> is false when it failed FIPS 203 §7.2.</summary>
internal sealed class MlKemPublicKey
{
    internal MlKemPublicKey(MlKem algorithm, MLKemPublicKeyParameters? key)
    {
        Algorithm = algorithm;
        Key = key;
    }

    public MlKem Algorithm { get; }

    public bool IsValid => Key is not null;

    /// <summary>The §17.5 encoding.</summary>
    /// <exception cref="InvalidOperationException">The key is not valid.</exception>
    public byte[] Export() => (Key ?? throw new InvalidOperationException("Invalid public key.")).GetEncoded();

    internal MLKemPublicKeyParameters? Key { get; }
}
