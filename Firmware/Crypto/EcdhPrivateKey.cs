using System.Security.Cryptography;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// A stored ECDH private key made ready for repeated agreements: X25519/X448 (RFC 7748) or one of the four
/// SECP curves (<see cref="EcdhSecp"/>). The keystore keeps one per key record
/// (<c>KeyStore.TryOpenHandle</c>), so a hot key is unsealed and imported once, not per request (issue #5).
/// </summary>
/// <remarks>
/// A peer key is data from outside: a wrong length, a point off the curve or a degenerate result answers false.
/// The private key comes from our own keystore, so a malformed one is misuse and throws when opened.
/// </remarks>
internal abstract class EcdhPrivateKey : IDisposable
{
    private bool _disposed;

    private protected EcdhPrivateKey(KeyType curve) => Curve = curve;

    public KeyType Curve { get; }

    /// <summary>Prepares <paramref name="secret"/> (the stored secret of a CURVE25519, CURVE448 or SECP key). Copies what it keeps.</summary>
    /// <exception cref="ArgumentException">Not an ECDH key type, or not a valid private key of it.</exception>
    public static EcdhPrivateKey Open(KeyType curve, ReadOnlySpan<byte> secret) => curve switch
    {
        KeyType.Curve25519 => new Montgomery(curve, KeyAgreementAlgorithm.X25519, secret),
        KeyType.Curve448 => new Montgomery(curve, KeyAgreementAlgorithm.X448, secret),
        _ => EcdhSecp.Open(curve, secret),
    };

    /// <summary>
    /// ss with <paramref name="peerPublicKey"/> in its §17.5 encoding: the raw RFC 7748 output, or the SECP
    /// x-coordinate at full field size. False (and an empty <paramref name="sharedSecret"/>) for an invalid peer.
    /// The caller wipes the secret.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The key was disposed (its bytes are wiped).</exception>
    public bool TryAgree(ReadOnlySpan<byte> peerPublicKey, out byte[] sharedSecret)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return TryAgreeCore(peerPublicKey, out sharedSecret);
    }

    public void Dispose()
    {
        _disposed = true;
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    private protected abstract bool TryAgreeCore(ReadOnlySpan<byte> peerPublicKey, out byte[] sharedSecret);

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>X25519/X448 keep the raw 32/56 bytes; BouncyCastle clamps them on each use (RFC 7748 §5).</summary>
    private sealed class Montgomery : EcdhPrivateKey
    {
        private readonly KeyAgreementAlgorithm _algorithm;
        private readonly byte[] _privateKey;

        public Montgomery(KeyType curve, KeyAgreementAlgorithm algorithm, ReadOnlySpan<byte> privateKey)
            : base(curve)
        {
            if (privateKey.Length != algorithm.PrivateKeySize)
            {
                throw new ArgumentException($"A {curve} private key is {algorithm.PrivateKeySize} bytes.", nameof(privateKey));
            }
            _algorithm = algorithm;
            _privateKey = privateKey.ToArray();
        }

        private protected override bool TryAgreeCore(ReadOnlySpan<byte> peerPublicKey, out byte[] sharedSecret) =>
            _algorithm.TryAgree(_privateKey, peerPublicKey, out sharedSecret);

        protected override void Dispose(bool disposing) => CryptographicOperations.ZeroMemory(_privateKey);
    }
}
