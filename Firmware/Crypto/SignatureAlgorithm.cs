namespace HemSim.Firmware.Crypto;

/// <summary>
/// Digital signatures over raw keys (NSec's <c>SignatureAlgorithm</c> shape). Reach instances through
/// the family: <c>SignatureAlgorithm.Ed25519.Sign(…)</c>.
/// </summary>
/// <remarks>
/// <para>A signature that does not verify is a result (false), and so is a public key or signature of
/// the wrong length: both arrive from outside. A private key of the wrong length is misuse and throws.</para>
/// <para>Open family: Ed448, ECDSA and ML-DSA members join with the ExDSA / ML-DSA endpoints
/// in a later issue; their contexts and pre-hash variants (§18.1) will extend this surface.</para>
/// </remarks>
internal abstract class SignatureAlgorithm
{
    private protected SignatureAlgorithm(int privateKeySize, int publicKeySize, int signatureSize)
    {
        PrivateKeySize = privateKeySize;
        PublicKeySize = publicKeySize;
        SignatureSize = signatureSize;
    }

    /// <summary>RFC 8032 Ed25519 (pure), used by the audit log (spec §18.5) and ED25519 keys.</summary>
    public static Ed25519 Ed25519 { get; } = new();

    /// <summary>Length of the stored private key (for EdDSA, the seed).</summary>
    public int PrivateKeySize { get; }

    public int PublicKeySize { get; }

    public int SignatureSize { get; }

    /// <exception cref="ArgumentException">The private key is not <see cref="PrivateKeySize"/> bytes.</exception>
    public byte[] GetPublicKey(ReadOnlySpan<byte> privateKey)
    {
        RequirePrivateKeySize(privateKey);
        byte[] publicKey = new byte[PublicKeySize];
        GetPublicKeyCore(privateKey, publicKey);
        return publicKey;
    }

    /// <exception cref="ArgumentException">The private key is not <see cref="PrivateKeySize"/> bytes.</exception>
    public byte[] Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> message)
    {
        RequirePrivateKeySize(privateKey);
        byte[] signature = new byte[SignatureSize];
        SignCore(privateKey, message, signature);
        return signature;
    }

    /// <summary>True only for a valid signature; false for a bad one or wrong-length inputs.</summary>
    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        return publicKey.Length == PublicKeySize
            && signature.Length == SignatureSize
            && VerifyCore(publicKey, message, signature);
    }

    private protected abstract void GetPublicKeyCore(ReadOnlySpan<byte> privateKey, Span<byte> publicKey);

    private protected abstract void SignCore(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> message, Span<byte> signature);

    /// <summary>Lengths are checked; must answer false, never throw, for any bytes.</summary>
    private protected abstract bool VerifyCore(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);

    private void RequirePrivateKeySize(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != PrivateKeySize)
        {
            throw new ArgumentException(
                $"Private key must be {PrivateKeySize} bytes, got {privateKey.Length}.", nameof(privateKey));
        }
    }
}
