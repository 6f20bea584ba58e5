using System.Collections.Frozen;
using System.Security.Cryptography;

namespace HemSim.Firmware.Crypto;

/// <summary>The eight ExDSA <c>alg</c> strings of spec §18.1.</summary>
internal enum ExdsaAlgorithm
{
    Sha256WithEcdsa = 1,
    Sha384WithEcdsa = 2,
    Sha512WithEcdsa = 3,
    Ed25519 = 4,
    Ed25519ph = 5,
    Ed25519ctx = 6,
    Ed448 = 7,
    Ed448ph = 8,
}

/// <summary>Wire names of <see cref="ExdsaAlgorithm"/> and which key type takes which (spec §13.3 table).</summary>
internal static class ExdsaAlgorithms
{
    // Ordinal: the device compares the exact spelling (§18.1 "exact spelling matters").
    private static readonly FrozenDictionary<string, ExdsaAlgorithm> s_byWireName = new Dictionary<string, ExdsaAlgorithm>
    {
        ["SHA256WithECDSA"] = ExdsaAlgorithm.Sha256WithEcdsa,
        ["SHA384WithECDSA"] = ExdsaAlgorithm.Sha384WithEcdsa,
        ["SHA512WithECDSA"] = ExdsaAlgorithm.Sha512WithEcdsa,
        ["Ed25519"] = ExdsaAlgorithm.Ed25519,
        ["Ed25519ph"] = ExdsaAlgorithm.Ed25519ph,
        ["Ed25519ctx"] = ExdsaAlgorithm.Ed25519ctx,
        ["Ed448"] = ExdsaAlgorithm.Ed448,
        ["Ed448ph"] = ExdsaAlgorithm.Ed448ph,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryParse(string? wireName, out ExdsaAlgorithm algorithm) =>
        s_byWireName.TryGetValue(wireName ?? string.Empty, out algorithm);

    /// <summary>
    /// Spec §13.3: any of the three ECDSA hashes on any SECP curve; Ed25519/ph/ctx on ED25519; Ed448/ph on
    /// ED448. Usage flags (ExDSA on SECP keys) are the caller's business.
    /// </summary>
    public static bool Fits(KeyType type, ExdsaAlgorithm algorithm) => KeyTypes.ClassOf(type) switch
    {
        KeyClass.Secp => algorithm is ExdsaAlgorithm.Sha256WithEcdsa or ExdsaAlgorithm.Sha384WithEcdsa or ExdsaAlgorithm.Sha512WithEcdsa,
        KeyClass.Edwards when type == KeyType.Ed25519 =>
            algorithm is ExdsaAlgorithm.Ed25519 or ExdsaAlgorithm.Ed25519ph or ExdsaAlgorithm.Ed25519ctx,
        KeyClass.Edwards => algorithm is ExdsaAlgorithm.Ed448 or ExdsaAlgorithm.Ed448ph,
        _ => false,
    };

    /// <summary>The RFC 8032 member behind an EdDSA algorithm.</summary>
    /// <exception cref="ArgumentException">An ECDSA algorithm.</exception>
    public static SignatureAlgorithm EdDsa(ExdsaAlgorithm algorithm) => algorithm switch
    {
        ExdsaAlgorithm.Ed25519 => SignatureAlgorithm.Ed25519,
        ExdsaAlgorithm.Ed25519ph => SignatureAlgorithm.Ed25519ph,
        ExdsaAlgorithm.Ed25519ctx => SignatureAlgorithm.Ed25519ctx,
        ExdsaAlgorithm.Ed448 => SignatureAlgorithm.Ed448,
        ExdsaAlgorithm.Ed448ph => SignatureAlgorithm.Ed448ph,
        _ => throw new ArgumentException($"{algorithm} is not an EdDSA algorithm.", nameof(algorithm)),
    };

    /// <summary>The digest of a <c>SHA*WithECDSA</c> algorithm.</summary>
    /// <exception cref="ArgumentException">An EdDSA algorithm.</exception>
    public static HashAlgorithmName EcdsaHash(ExdsaAlgorithm algorithm) => algorithm switch
    {
        ExdsaAlgorithm.Sha256WithEcdsa => HashAlgorithmName.SHA256,
        ExdsaAlgorithm.Sha384WithEcdsa => HashAlgorithmName.SHA384,
        ExdsaAlgorithm.Sha512WithEcdsa => HashAlgorithmName.SHA512,
        _ => throw new ArgumentException($"{algorithm} is not an ECDSA algorithm.", nameof(algorithm)),
    };
}
