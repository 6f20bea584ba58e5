namespace HemSim.Cli.Crypto;

/// <summary>
/// The <c>alg</c> strings the crypto endpoints accept (spec §18.1), one list per endpoint family. The device compares
/// them exactly; the client accepts any case and sends the device's spelling, as <c>keys</c> does with key types.
/// </summary>
internal static class CryptoAlgorithms
{
    /// <summary><c>hmac/hash</c>, <c>hmac/verify</c> (ECDH mode) and <c>ecdh</c> (hashed output).</summary>
    public static readonly IReadOnlyList<string> Digests = ["SHA2-256", "SHA2-384", "SHA2-512", "SHA3-256", "SHA3-384", "SHA3-512"];

    /// <summary><c>exdsa/sign</c> and <c>exdsa/verify</c>; the key decides which of them fit (spec §13.3).</summary>
    public static readonly IReadOnlyList<string> Signatures =
        ["SHA256WithECDSA", "SHA384WithECDSA", "SHA512WithECDSA", "Ed25519", "Ed25519ph", "Ed25519ctx", "Ed448", "Ed448ph"];

    /// <summary><c>cipher/encrypt</c> and <c>cipher/decrypt</c>.</summary>
    public static readonly IReadOnlyList<string> Ciphers =
    [
        "AES128-ECB", "AES128-CBC", "AES128-GCM",
        "AES192-ECB", "AES192-CBC", "AES192-GCM",
        "AES256-ECB", "AES256-CBC", "AES256-GCM",
    ];

    /// <summary><c>cipher/wrap</c> and <c>cipher/unwrap</c>: the KEK size (device default AES256).</summary>
    public static readonly IReadOnlyList<string> KeyWrap = ["AES128", "AES192", "AES256"];

    /// <summary>Finds the device spelling of <paramref name="name"/> in <paramref name="family"/>, ignoring case.</summary>
    public static bool TryNormalise(IReadOnlyList<string> family, string name, out string alg)
    {
        alg = family.FirstOrDefault(candidate => string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)) ?? "";
        return alg.Length > 0;
    }

    /// <summary>True for the cipher modes whose answer carries an <c>iv</c> and that need it back to decrypt.</summary>
    public static bool NeedsIv(string cipher) => !cipher.EndsWith("-ECB", StringComparison.Ordinal);

    /// <summary>True for the GCM modes: a <c>tag</c> in the answer, and <c>aad</c> allowed.</summary>
    public static bool IsGcm(string cipher) => cipher.EndsWith("-GCM", StringComparison.Ordinal);
}
