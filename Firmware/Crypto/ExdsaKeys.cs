namespace HemSim.Firmware.Crypto;

/// <summary>
/// A loaded private ExDSA key (ED25519, ED448, or SECP), prepared once and cached with its key record by
/// <c>KeyStore.TryOpenHandle</c>, as a secure element keeps a loaded key: the seed is not re-expanded, the
/// public key not recomputed and the .NET/OpenSSL key not re-imported per signature (issue #5 speed target).
/// </summary>
/// <remarks>
/// The caller has checked that the algorithm fits the key (<see cref="ExdsaAlgorithms.Fits"/>) and that the
/// context fits the variant; a mismatch is misuse and throws. One request runs at a time (STYLE §2), so a
/// handle is never used by two threads at once.
/// </remarks>
internal abstract class ExdsaPrivateKey
{
    private protected ExdsaPrivateKey()
    {
    }

    /// <summary>
    /// Prepares the key of <paramref name="type"/> from its stored secret (EdDSA seed or SECP scalar, spec
    /// §17.1) and its stored public key (§17.5). Copies what it keeps; the caller wipes <paramref name="secret"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Not a signing key type, or a secret of the wrong size.</exception>
    public static ExdsaPrivateKey Open(KeyType type, ReadOnlySpan<byte> secret, byte[] publicKey) => KeyTypes.ClassOf(type) switch
    {
        KeyClass.Secp => EcdsaPrivateKey.Load(type, secret, publicKey),
        KeyClass.Edwards when type == KeyType.Ed25519 => new Ed25519PrivateKey(secret),
        KeyClass.Edwards => new Ed448PrivateKey(secret),
        _ => throw new ArgumentException($"{type} is not a signing key type.", nameof(type)),
    };

    /// <summary>
    /// The signature of <paramref name="message"/>: DER <c>SEQUENCE{r, s}</c> for ECDSA (spec §22 #8), raw
    /// R‖S for EdDSA (64 / 114 bytes).
    /// </summary>
    /// <exception cref="ArgumentException">The algorithm does not fit the key, or the context the variant.</exception>
    public abstract byte[] Sign(ExdsaAlgorithm algorithm, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context);
}

/// <summary>
/// A loaded public ExDSA key, cached with its record by <c>KeyStore.GetPublicHandle</c>: works for a
/// private key's public half and for imported public-only keys alike.
/// </summary>
/// <remarks>A signature or context from outside that does not fit answers false, never throws.</remarks>
internal abstract class ExdsaPublicKey
{
    private protected ExdsaPublicKey()
    {
    }

    /// <summary>
    /// Prepares the stored public key (§17.5: SECP compressed, EdDSA raw). A key that is no point of the
    /// curve (import checks EdDSA keys by length only) gives a handle that verifies nothing.
    /// </summary>
    /// <exception cref="ArgumentException">Not a signing key type.</exception>
    public static ExdsaPublicKey Open(KeyType type, byte[] publicKey) => KeyTypes.ClassOf(type) switch
    {
        KeyClass.Secp => EcdsaPublicKey.Load(type, publicKey),
        KeyClass.Edwards when type == KeyType.Ed25519 => Ed25519PublicKey.Load(publicKey),
        KeyClass.Edwards => Ed448PublicKey.Load(publicKey),
        _ => throw new ArgumentException($"{type} is not a signing key type.", nameof(type)),
    };

    /// <summary>True only for a valid signature; false for a bad one, any wrong length, malformed DER, or a
    /// context that does not fit the variant.</summary>
    /// <exception cref="ArgumentException">The algorithm does not fit the key.</exception>
    public abstract bool Verify(
        ExdsaAlgorithm algorithm, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> context);

    /// <summary>A public key that is no curve point: every signature is invalid.</summary>
    private protected sealed class NotAPoint : ExdsaPublicKey
    {
        public override bool Verify(
            ExdsaAlgorithm algorithm, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> context) => false;
    }
}
