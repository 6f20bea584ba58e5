using System.Diagnostics;
using System.Security.Cryptography;
using Rfc7748 = Org.BouncyCastle.Math.EC.Rfc7748;

namespace HemSim.Firmware.Crypto;

/// <summary>X25519 key agreement, RFC 7748 §5 with the §6.1 all-zero check.</summary>
/// <remarks>
/// Private keys are the raw 32 random bytes as stored; the RFC 7748 §5 clamping ("decodeScalar25519")
/// happens inside BouncyCastle on every use, so a stored key is never modified. The peer's top bit is
/// masked as §5 requires, also by BouncyCastle.
/// </remarks>
internal sealed class X25519 : KeyAgreementAlgorithm
{
    internal X25519()
        : base(privateKeySize: 32, publicKeySize: 32, sharedSecretSize: 32)
    {
    }

    private protected override void GetPublicKeyCore(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        Debug.Assert(privateKey.Length == PrivateKeySize && publicKey.Length == PublicKeySize);
        Rfc7748.X25519.GeneratePublicKey(privateKey, publicKey);
    }

    private protected override bool TryAgreeCore(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
    {
        Debug.Assert(peerPublicKey.Length == PublicKeySize && sharedSecret.Length == SharedSecretSize);
        if (Rfc7748.X25519.CalculateAgreement(privateKey, peerPublicKey, sharedSecret))
        {
            return true;
        }

        CryptographicOperations.ZeroMemory(sharedSecret);
        return false;
    }
}
