namespace HemSim.Firmware.Crypto;

/// <summary>
/// The key types of spec §17.1 plus the device's own DER records (§17.6).
/// </summary>
/// <remarks>
/// Values are stored in flash with every key record: never renumber, never reuse a retired value
/// (STYLE §6). The wire spelling of each member lives in <see cref="KeyTypes"/>.
/// </remarks>
internal enum KeyType
{
    Secp256r1 = 1,
    Secp384r1 = 2,
    Secp521r1 = 3,
    Secp256k1 = 4,
    Curve25519 = 5,
    Curve448 = 6,
    Ed25519 = 7,
    Ed448 = 8,
    Sha2_256 = 9,
    Sha2_384 = 10,
    Sha2_512 = 11,
    Sha3_256 = 12,
    Sha3_384 = 13,
    Sha3_512 = 14,
    Aes128 = 15,
    Aes192 = 16,
    Aes256 = 17,
    MlKem512 = 18,
    MlKem768 = 19,
    MlKem1024 = 20,
    MlDsa44 = 21,
    MlDsa65 = 22,
    MlDsa87 = 23,

    /// <summary>TLS private key / certificate records the device writes itself (§17.6); never creatable.</summary>
    GenericDer = 24,
}
