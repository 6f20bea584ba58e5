namespace HemSim.Firmware.Crypto;

/// <summary>The algorithm family of a <see cref="KeyType"/> (the "Class" column of spec §17.1).</summary>
/// <remarks>Not stored anywhere: it is always recomputed from the key type.</remarks>
internal enum KeyClass
{
    /// <summary>Short-Weierstrass curves (P-256/384/521, secp256k1): ECDH and/or ECDSA.</summary>
    Secp,

    /// <summary>RFC 7748 X25519 / X448: ECDH only.</summary>
    Montgomery,

    /// <summary>RFC 8032 Ed25519 / Ed448: signatures only.</summary>
    Edwards,

    /// <summary>HMAC key; the digest is fixed by the type.</summary>
    Hmac,

    /// <summary>AES key: cipher and key wrap.</summary>
    Aes,

    /// <summary>FIPS 203 ML-KEM.</summary>
    MlKem,

    /// <summary>FIPS 204 ML-DSA.</summary>
    MlDsa,

    /// <summary>Opaque DER record (TLS key or certificate, §17.6).</summary>
    Der,
}
