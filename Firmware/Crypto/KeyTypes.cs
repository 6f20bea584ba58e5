using System.Collections.Frozen;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// The one table from <see cref="KeyType"/> to its wire name, family and sizes (spec §17.1, §17.5).
/// </summary>
internal static class KeyTypes
{
    private sealed record Entry(KeyType Type, string WireName, KeyClass Class, int SecretSize, int PublicKeySize);

    // Secret sizes follow §17.1. For ML-KEM / ML-DSA the device stores the FIPS seed, not the expanded
    // private key (see PqcKeys.cs): 64 bytes d‖z (FIPS 203 §7.1) and 32 bytes ξ (FIPS 204 Alg. 1).
    // GENERIC_DER records are variable-length opaque DER, hence size 0 = "not fixed".
    private static readonly Entry[] s_table =
    [
        new(KeyType.Secp256r1, "SECP256R1", KeyClass.Secp, 32, 33),
        new(KeyType.Secp384r1, "SECP384R1", KeyClass.Secp, 48, 49),
        new(KeyType.Secp521r1, "SECP521R1", KeyClass.Secp, 66, 67),
        new(KeyType.Secp256k1, "SECP256K1", KeyClass.Secp, 32, 33),
        new(KeyType.Curve25519, "CURVE25519", KeyClass.Montgomery, 32, 32),
        new(KeyType.Curve448, "CURVE448", KeyClass.Montgomery, 56, 56),
        new(KeyType.Ed25519, "ED25519", KeyClass.Edwards, 32, 32),
        new(KeyType.Ed448, "ED448", KeyClass.Edwards, 57, 57),
        new(KeyType.Sha2_256, "SHA2-256", KeyClass.Hmac, 32, 0),
        new(KeyType.Sha2_384, "SHA2-384", KeyClass.Hmac, 48, 0),
        new(KeyType.Sha2_512, "SHA2-512", KeyClass.Hmac, 64, 0),
        new(KeyType.Sha3_256, "SHA3-256", KeyClass.Hmac, 32, 0),
        new(KeyType.Sha3_384, "SHA3-384", KeyClass.Hmac, 48, 0),
        new(KeyType.Sha3_512, "SHA3-512", KeyClass.Hmac, 64, 0),
        new(KeyType.Aes128, "AES128", KeyClass.Aes, 16, 0),
        new(KeyType.Aes192, "AES192", KeyClass.Aes, 24, 0),
        new(KeyType.Aes256, "AES256", KeyClass.Aes, 32, 0),
        new(KeyType.MlKem512, "MLKEM512", KeyClass.MlKem, 64, 800),
        new(KeyType.MlKem768, "MLKEM768", KeyClass.MlKem, 64, 1184),
        new(KeyType.MlKem1024, "MLKEM1024", KeyClass.MlKem, 64, 1568),
        new(KeyType.MlDsa44, "MLDSA44", KeyClass.MlDsa, 32, 1312),
        new(KeyType.MlDsa65, "MLDSA65", KeyClass.MlDsa, 32, 1952),
        new(KeyType.MlDsa87, "MLDSA87", KeyClass.MlDsa, 32, 2592),
        new(KeyType.GenericDer, "GENERIC_DER", KeyClass.Der, 0, 0),
    ];

    private static readonly FrozenDictionary<KeyType, Entry> s_byType =
        s_table.ToFrozenDictionary(e => e.Type);

    // Only creatable names parse: GENERIC_DER appears in attribute strings (§17.2) but is never a
    // valid `type` request value. Ordinal = exact and case-sensitive, as the device compares.
    private static readonly FrozenDictionary<string, KeyType> s_byWireName = s_table
        .Where(e => e.Class != KeyClass.Der)
        .ToFrozenDictionary(e => e.WireName, e => e.Type, StringComparer.Ordinal);

    /// <summary>
    /// The 23 types a client may create, in §17.1 row order (each HMAC pair split SHA2 first, as
    /// §18.1 lists them), which is also <see cref="KeyType"/> value order.
    /// </summary>
    public static IReadOnlyList<KeyType> Creatable { get; } =
        s_table.Where(e => e.Class != KeyClass.Der).Select(e => e.Type).ToArray();

    /// <summary>Parses a `type` request value; exact, case-sensitive match of a creatable name.</summary>
    public static bool TryParse(string wireName, out KeyType type) =>
        s_byWireName.TryGetValue(wireName ?? string.Empty, out type);

    public static string WireName(KeyType type) => Lookup(type).WireName;

    public static KeyClass ClassOf(KeyType type) => Lookup(type).Class;

    /// <summary>True when the type has a public key in a §17.5 encoding (GENERIC_DER does not).</summary>
    public static bool IsAsymmetric(KeyType type) => Lookup(type).Class is
        KeyClass.Secp or KeyClass.Montgomery or KeyClass.Edwards or KeyClass.MlKem or KeyClass.MlDsa;

    /// <summary>Public key length in its §17.5 encoding; 0 for symmetric types and GENERIC_DER.</summary>
    public static int PublicKeySize(KeyType type) => Lookup(type).PublicKeySize;

    /// <summary>Length of the stored secret; 0 for GENERIC_DER (variable length).</summary>
    public static int SecretSize(KeyType type) => Lookup(type).SecretSize;

    private static Entry Lookup(KeyType type) =>
        s_byType.TryGetValue(type, out Entry? entry)
            ? entry
            : throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown key type.");
}
