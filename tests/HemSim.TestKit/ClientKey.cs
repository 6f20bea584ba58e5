using HemSim.Firmware.Crypto;

namespace HemSim.TestKit;

/// <summary>
/// A client's X25519 key pair as a passphrase would produce it (spec §6.1 steps 2–3), but from raw bytes so
/// unit tests skip the 600,000-round PBKDF2.
/// </summary>
internal sealed record ClientKey(byte[] Private, byte[] Public)
{
    public string PublicText => Convert.ToBase64String(Public);

    public static ClientKey FromSeed(byte fill) => FromPrivate(Enumerable.Repeat(fill, 32).ToArray());

    public static ClientKey FromPrivate(byte[] privateKey) =>
        new(privateKey, KeyAgreementAlgorithm.X25519.GetPublicKey(privateKey));

    /// <summary>X25519(this, peer): the HMAC key of a proof addressed to <paramref name="peerPublicText"/>.</summary>
    public byte[] Agree(string peerPublicText)
    {
        if (!KeyAgreementAlgorithm.X25519.TryAgree(Private, Convert.FromBase64String(peerPublicText), out var shared))
        {
            throw new InvalidOperationException("Peer key gives no shared secret.");
        }
        return shared;
    }
}
