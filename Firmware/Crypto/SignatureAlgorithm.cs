namespace HemSim.Firmware.Crypto;

/// <summary>
/// Digital signatures over raw keys (NSec's <c>SignatureAlgorithm</c> shape). Reach instances through
/// the family: <c>SignatureAlgorithm.Ed25519.Sign(…)</c>, <c>SignatureAlgorithm.Ed448ph.Sign(…, context)</c>.
/// </summary>
/// <remarks>
/// <para>A signature that does not verify is a result (false), and so is a public key, signature or
/// context that does not fit: all arrive from outside. A private key of the wrong length, or a context the
/// variant forbids, passed to <see cref="Sign(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
/// is misuse and throws.</para>
/// <para>The RFC 8032 variants differ in their context rule (<see cref="AcceptsContext"/>,
/// <see cref="RequiresContext"/>). Keys of the keystore are not signed through this raw-key surface but
/// through the cached <see cref="ExdsaPrivateKey"/> / <see cref="ExdsaPublicKey"/> handles; this surface
/// serves the audit log, the identity keys and the known-answer tests.</para>
/// </remarks>
internal abstract class SignatureAlgorithm
{
    /// <summary>RFC 8032 §5.1/§5.2 bound on a context: its length travels in one octet.</summary>
    public const int MaxContextSize = 255;

    private protected SignatureAlgorithm(int privateKeySize, int publicKeySize, int signatureSize)
        : this(privateKeySize, publicKeySize, signatureSize, acceptsContext: false, requiresContext: false)
    {
    }

    private protected SignatureAlgorithm(
        int privateKeySize, int publicKeySize, int signatureSize, bool acceptsContext, bool requiresContext)
    {
        PrivateKeySize = privateKeySize;
        PublicKeySize = publicKeySize;
        SignatureSize = signatureSize;
        AcceptsContext = acceptsContext;
        RequiresContext = requiresContext;
    }

    /// <summary>RFC 8032 Ed25519 (pure), used by the audit log (spec §18.5) and ED25519 keys.</summary>
    public static Ed25519 Ed25519 { get; } = new(EdDsaVariant.Pure);

    /// <summary>RFC 8032 §5.1 Ed25519ctx: a non-empty context is mandatory (spec §22 #44).</summary>
    public static Ed25519 Ed25519ctx { get; } = new(EdDsaVariant.Context);

    /// <summary>RFC 8032 §5.1 Ed25519ph: SHA-512 pre-hash, optional context.</summary>
    public static Ed25519 Ed25519ph { get; } = new(EdDsaVariant.Prehash);

    /// <summary>RFC 8032 §5.2 Ed448: optional context (may be empty).</summary>
    public static Ed448 Ed448 { get; } = new(EdDsaVariant.Context);

    /// <summary>RFC 8032 §5.2 Ed448ph: SHAKE256/64 pre-hash, optional context.</summary>
    public static Ed448 Ed448ph { get; } = new(EdDsaVariant.Prehash);

    /// <summary>Length of the stored private key (for EdDSA, the seed).</summary>
    public int PrivateKeySize { get; }

    public int PublicKeySize { get; }

    public int SignatureSize { get; }

    /// <summary>False for pure Ed25519, which has no context at all (RFC 8032 §5.1).</summary>
    public bool AcceptsContext { get; }

    /// <summary>True for Ed25519ctx: RFC 8032 §5.1 forbids an empty context there.</summary>
    public bool RequiresContext { get; }

    /// <summary>True when <paramref name="context"/> fits this variant: at most 255 bytes, none for pure
    /// Ed25519, at least one for Ed25519ctx.</summary>
    public bool IsValidContext(ReadOnlySpan<byte> context) =>
        context.Length <= MaxContextSize
        && (AcceptsContext || context.IsEmpty)
        && (!RequiresContext || !context.IsEmpty);

    /// <exception cref="ArgumentException">The private key is not <see cref="PrivateKeySize"/> bytes.</exception>
    public byte[] GetPublicKey(ReadOnlySpan<byte> privateKey)
    {
        RequirePrivateKeySize(privateKey);
        byte[] publicKey = new byte[PublicKeySize];
        GetPublicKeyCore(privateKey, publicKey);
        return publicKey;
    }

    /// <summary>Signs with an empty context.</summary>
    /// <exception cref="ArgumentException">Wrong private-key length, or the variant needs a context.</exception>
    public byte[] Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> message) => Sign(privateKey, message, []);

    /// <exception cref="ArgumentException">Wrong private-key length, or <paramref name="context"/> does not
    /// fit the variant (<see cref="IsValidContext"/>).</exception>
    public byte[] Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context)
    {
        RequirePrivateKeySize(privateKey);
        if (!IsValidContext(context))
        {
            throw new ArgumentException($"A context of {context.Length} bytes does not fit this variant.", nameof(context));
        }
        byte[] signature = new byte[SignatureSize];
        SignCore(privateKey, message, context, signature);
        return signature;
    }

    /// <summary>True only for a valid signature made with an empty context.</summary>
    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        Verify(publicKey, message, signature, []);

    /// <summary>True only for a valid signature; false for a bad one, wrong-length inputs or a context that
    /// does not fit the variant.</summary>
    public bool Verify(
        ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> context)
    {
        return publicKey.Length == PublicKeySize
            && signature.Length == SignatureSize
            && IsValidContext(context)
            && VerifyCore(publicKey, message, signature, context);
    }

    private protected abstract void GetPublicKeyCore(ReadOnlySpan<byte> privateKey, Span<byte> publicKey);

    /// <summary>Lengths and context are checked.</summary>
    private protected abstract void SignCore(
        ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, Span<byte> signature);

    /// <summary>Lengths and context are checked; must answer false, never throw, for any bytes.</summary>
    private protected abstract bool VerifyCore(
        ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> context);

    private void RequirePrivateKeySize(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != PrivateKeySize)
        {
            throw new ArgumentException(
                $"Private key must be {PrivateKeySize} bytes, got {privateKey.Length}.", nameof(privateKey));
        }
    }
}

/// <summary>How an RFC 8032 variant treats the message and the context.</summary>
internal enum EdDsaVariant
{
    /// <summary>Ed25519: no dom2 prefix, no context.</summary>
    Pure = 0,
    /// <summary>Ed25519ctx / Ed448: the message as is, with a context in dom2/dom4.</summary>
    Context = 1,
    /// <summary>Ed25519ph / Ed448ph: the message pre-hashed (SHA-512 / SHAKE256-64), with a context.</summary>
    Prehash = 2,
}
