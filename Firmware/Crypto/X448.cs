using System.Diagnostics;
using System.Security.Cryptography;
using Rfc7748 = Org.BouncyCastle.Math.EC.Rfc7748;

namespace HemSim.Firmware.Crypto;

/// <summary>X448 key agreement, RFC 7748 §5 with the §6.2 all-zero check.</summary>
/// <remarks>
/// Private keys are the raw 56 random bytes as stored; the RFC 7748 §5 clamping ("decodeScalar448")
/// happens inside BouncyCastle on every use, so a stored key is never modified. X448 u-coordinates use
/// all 448 bits, so there is no bit to mask.
/// </remarks>
internal sealed class X448 : KeyAgreementAlgorithm
{
    internal X448()
        : base(privateKeySize: 56, publicKeySize: 56, sharedSecretSize: 56)
    {
    }

    private protected override void GetPublicKeyCore(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        Debug.Assert(privateKey.Length == PrivateKeySize && publicKey.Length == PublicKeySize);
        Rfc7748.X448.GeneratePublicKey(privateKey, publicKey);
    }

    private protected override bool TryAgreeCore(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, Span<byte> sharedSecret)
    {
        Debug.Assert(peerPublicKey.Length == PublicKeySize && sharedSecret.Length == SharedSecretSize);
        if (Rfc7748.X448.CalculateAgreement(privateKey, peerPublicKey, sharedSecret))
        {
            return true;
        }

        CryptographicOperations.ZeroMemory(sharedSecret);
        return false;
    }
}
