using System.Security.Cryptography;
using HemSim.Firmware.Platform;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// ML-KEM (FIPS 203) and ML-DSA (FIPS 204) keys as the device stores them: the key-generation seed.
/// </summary>
/// <remarks>
/// <para>Stored secret = seed, not the expanded private key:</para>
/// <list type="bullet">
/// <item>ML-KEM: 64 bytes <c>d ‖ z</c>, the inputs of ML-KEM.KeyGen_internal (FIPS 203 §6.1, Alg. 16).
/// The expanded decapsulation key would be 1632/2400/3168 bytes.</item>
/// <item>ML-DSA: 32 bytes <c>ξ</c>, the input of ML-DSA.KeyGen_internal (FIPS 204 §6.1, Alg. 6).
/// The expanded private key would be 2560/4032/4896 bytes.</item>
/// </list>
/// <para>The seed is small, rebuilds the full key deterministically (so <c>PublicKeyOf</c> works after a
/// restart), and is the form FIPS 203/204 recommend keeping. BouncyCastle 2.7 generators keep the seed,
/// and <c>FromSeed</c> rebuilds from it.</para>
/// <para>Crypto/-only: the returned BouncyCastle parameter objects are for the KEM and signature adapters.</para>
/// </remarks>
internal static class PqcKeys
{
    public const int MlKemSeedSize = 64;
    public const int MlDsaSeedSize = 32;

    public static MLKemParameters MlKemParameters(KeyType type) => type switch
    {
        KeyType.MlKem512 => Org.BouncyCastle.Crypto.Parameters.MLKemParameters.ml_kem_512,
        KeyType.MlKem768 => Org.BouncyCastle.Crypto.Parameters.MLKemParameters.ml_kem_768,
        KeyType.MlKem1024 => Org.BouncyCastle.Crypto.Parameters.MLKemParameters.ml_kem_1024,
        _ => throw new ArgumentException($"{type} is not an ML-KEM type.", nameof(type)),
    };

    public static MLDsaParameters MlDsaParameters(KeyType type) => type switch
    {
        KeyType.MlDsa44 => Org.BouncyCastle.Crypto.Parameters.MLDsaParameters.ml_dsa_44,
        KeyType.MlDsa65 => Org.BouncyCastle.Crypto.Parameters.MLDsaParameters.ml_dsa_65,
        KeyType.MlDsa87 => Org.BouncyCastle.Crypto.Parameters.MLDsaParameters.ml_dsa_87,
        _ => throw new ArgumentException($"{type} is not an ML-DSA type.", nameof(type)),
    };

    /// <summary>Runs the BouncyCastle generator on the device entropy and returns the 64-byte seed.</summary>
    public static byte[] GenerateMlKemSeed(KeyType type, IEntropySource entropy)
    {
        var generator = new MLKemKeyPairGenerator();
        generator.Init(new MLKemKeyGenerationParameters(new EntropySecureRandom(entropy), MlKemParameters(type)));
        var privateKey = (MLKemPrivateKeyParameters)generator.GenerateKeyPair().Private;
        return privateKey.GetSeed() ?? throw new CryptographicException("ML-KEM generator kept no seed.");
    }

    /// <summary>Runs the BouncyCastle generator on the device entropy and returns the 32-byte seed ξ.</summary>
    public static byte[] GenerateMlDsaSeed(KeyType type, IEntropySource entropy)
    {
        var generator = new MLDsaKeyPairGenerator();
        generator.Init(new MLDsaKeyGenerationParameters(new EntropySecureRandom(entropy), MlDsaParameters(type)));
        var privateKey = (MLDsaPrivateKeyParameters)generator.GenerateKeyPair().Private;
        return privateKey.GetSeed() ?? throw new CryptographicException("ML-DSA generator kept no seed.");
    }

    // The seed copy handed to FromSeed is not wiped: BouncyCastle may keep the array inside the key object
    // (ML-DSA does), and that object holds the expanded private key in managed memory anyway. Callers keep
    // the object short-lived.
    public static MLKemPrivateKeyParameters MlKemPrivateKey(KeyType type, ReadOnlySpan<byte> seed)
    {
        RequireLength(seed, MlKemSeedSize);
        return MLKemPrivateKeyParameters.FromSeed(MlKemParameters(type), seed.ToArray());
    }

    public static MLDsaPrivateKeyParameters MlDsaPrivateKey(KeyType type, ReadOnlySpan<byte> seed)
    {
        RequireLength(seed, MlDsaSeedSize);
        return MLDsaPrivateKeyParameters.FromSeed(MlDsaParameters(type), seed.ToArray());
    }

    private static void RequireLength(ReadOnlySpan<byte> seed, int expected)
    {
        if (seed.Length != expected)
        {
            throw new ArgumentException($"Seed must be {expected} bytes, got {seed.Length}.", nameof(seed));
        }
    }
}
