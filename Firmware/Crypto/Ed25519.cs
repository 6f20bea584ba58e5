using System.Diagnostics;
using Rfc8032 = Org.BouncyCastle.Math.EC.Rfc8032;

namespace HemSim.Firmware.Crypto;

/// <summary>Pure Ed25519, RFC 8032 §5.1 (no context, no pre-hash).</summary>
/// <remarks>
/// The private key is the 32-byte seed of §5.1.5 (spec §17.1 "32 seed"); the expanded scalar is
/// re-derived on every use and never stored. Verification is the cofactorless RFC 8032 §5.1.7 check
/// with a canonical-S test, as BouncyCastle implements it.
/// </remarks>
internal sealed class Ed25519 : SignatureAlgorithm
{
    internal Ed25519()
        : base(privateKeySize: 32, publicKeySize: 32, signatureSize: 64)
    {
    }

    private protected override void GetPublicKeyCore(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        Debug.Assert(privateKey.Length == PrivateKeySize && publicKey.Length == PublicKeySize);
        Rfc8032.Ed25519.GeneratePublicKey(privateKey, publicKey);
    }

    private protected override void SignCore(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        Debug.Assert(privateKey.Length == PrivateKeySize && signature.Length == SignatureSize);
        Rfc8032.Ed25519.Sign(privateKey, message, signature);
    }

    private protected override bool VerifyCore(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        Debug.Assert(publicKey.Length == PublicKeySize && signature.Length == SignatureSize);
        // BouncyCastle answers false (not an exception) for a public key that does not decode.
        return Rfc8032.Ed25519.Verify(signature, publicKey, message);
    }
}
