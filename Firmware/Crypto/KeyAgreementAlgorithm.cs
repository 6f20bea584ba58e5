namespace HemSim.Firmware.Crypto;

/// <summary>
/// Diffie-Hellman style key agreement over raw keys (NSec's <c>KeyAgreementAlgorithm</c> shape).
/// Reach instances through the family: <c>KeyAgreementAlgorithm.X25519.TryAgree(…)</c>.
/// </summary>
/// <remarks>
/// A peer key is data from outside: a wrong length or a degenerate result is an expected outcome and
/// answers false. A private key of the wrong length can only come from our own code, so it throws.
/// </remarks>
internal abstract class KeyAgreementAlgorithm
{
    private protected KeyAgreementAlgorithm(int privateKeySize, int publicKeySize, int sharedSecretSize)
    {
        PrivateKeySize = privateKeySize;
        PublicKeySize = publicKeySize;
        SharedSecretSize = sharedSecretSize;
    }

    /// <summary>RFC 7748 X25519 (login, paired-app keys, CURVE25519 keys).</summary>
    public static X25519 X25519 { get; } = new();

    /// <summary>RFC 7748 X448 (CURVE448 keys).</summary>
    public static X448 X448 { get; } = new();

    public int PrivateKeySize { get; }

    public int PublicKeySize { get; }

    public int SharedSecretSize { get; }

    /// <summary>The public key (u-coordinate) of <paramref name="privateKey"/>.</summary>
    /// <exception cref="ArgumentException">The private key is not <see cref="PrivateKeySize"/> bytes.</exception>
    public byte[] GetPublicKey(ReadOnlySpan<byte> privateKey)
    {
        RequirePrivateKeySize(privateKey);
        byte[] publicKey = new byte[PublicKeySize];
        GetPublicKeyCore(privateKey, publicKey);
        return publicKey;
    }

    /// <summary>
    /// Computes the shared secret with <paramref name="peerPublicKey"/>. False (and an empty
    /// <paramref name="sharedSecret"/>) when the peer key has the wrong length or the result is all
    /// zeros, i.e. the peer sent a low-order point (RFC 7748 §6.1, §6.2 check).
    /// </summary>
    /// <exception cref="ArgumentException">The private key is not <see cref="PrivateKeySize"/> bytes.</exception>
    public bool TryAgree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, out byte[] sharedSecret)
    {
        RequirePrivateKeySize(privateKey);
        sharedSecret = [];
        if (peerPublicKey.Length != PublicKeySize)
        {
            return false;
        }

        byte[] result = new byte[SharedSecretSize];
        if (!TryAgreeCore(privateKey, peerPublicKey, result))
        {
            return false;
        }

        sharedSecret = result;
        return true;
    }

    private protected abstract void GetPublicKeyCore(ReadOnlySpan<byte> privateKey, Span<byte> publicKey);

    /// <summary>Lengths are checked; returns false for an all-zero result.</summary>
    private protected abstract bool TryAgreeCore(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret);

    private void RequirePrivateKeySize(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != PrivateKeySize)
        {
            throw new ArgumentException(
                $"Private key must be {PrivateKeySize} bytes, got {privateKey.Length}.", nameof(privateKey));
        }
    }
}
