namespace HemSim.Firmware.Crypto;

/// <summary>
/// A freshly generated key: its stored secret and, for asymmetric types, the public key in the
/// spec §17.5 encoding (compressed SEC1 for SECP*, raw for X/Ed 25519/448, FIPS 203/204 encodings
/// for ML-KEM/ML-DSA). <see cref="PublicKey"/> is null for HMAC and AES keys.
/// </summary>
/// <remarks>The receiver owns <see cref="Secret"/> and disposes it once the key is sealed.</remarks>
internal sealed record GeneratedKey(KeyType Type, KeyMaterial Secret, byte[]? PublicKey);
