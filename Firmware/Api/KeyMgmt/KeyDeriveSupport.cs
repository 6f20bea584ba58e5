using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Api.KeyMgmt;

/// <summary>The peer of an ECDH request: a stored key (<c>ext_kid</c>), raw public bytes, or none.</summary>
internal sealed record EcdhPeer(Kid? ExtKid, byte[]? PublicKey)
{
    public static readonly EcdhPeer None = new(null, null);
}

/// <summary>
/// Source and peer rules of <c>keymgmt/derive</c> (spec §12.10), shaped so that <c>crypto/ecdh</c> (§13.9),
/// which has the same <c>kid</c>/<c>ext_kid</c>/<c>pubkey</c> rules, can share them.
/// </summary>
internal static class KeyDeriveSupport
{
    /// <summary>
    /// Reads the peer: <c>ext_kid</c> wins over <c>pubkey</c> (a pubkey beside it is ignored, whatever it
    /// holds). Neither → <see cref="EcdhPeer.None"/> (406 later). False (400) when the one that counts is
    /// malformed: ext_kid not 32 hex characters, or pubkey not base64.
    /// </summary>
    public static bool TryReadPeer(JsonBody body, out EcdhPeer peer)
    {
        peer = EcdhPeer.None;
        if (body.Has("ext_kid"))
        {
            if (!body.TryGetString("ext_kid", out var text) || !Kid.TryParse(text, out var extKid))
            {
                return false;
            }
            peer = new EcdhPeer(extKid, null);
            return true;
        }
        if (body.Has("pubkey"))
        {
            if (!body.TryGetString("pubkey", out var text) || !Base64Text.TryDecode(text, out var publicKey))
            {
                return false;
            }
            peer = new EcdhPeer(null, publicKey);
        }
        return true;
    }

    /// <summary>A stored private key that may do ECDH: CURVE25519, CURVE448, or SECP with the ECDH usage.</summary>
    public static bool IsEcdhSource(KeySlotRecord record)
    {
        var flags = (KeyFlags)record.Flags;
        if (!flags.HasFlag(KeyFlags.Pkey) || record.SealedSecret.Length == 0)
        {
            return false;
        }
        return KeyTypes.ClassOf((KeyType)record.KeyType) switch
        {
            KeyClass.Montgomery => true,
            KeyClass.Secp => flags.HasFlag(KeyFlags.Ecdh),
            _ => false,
        };
    }

    /// <summary>
    /// The peer's public key on <paramref name="curve"/>: a stored record of the same type (public-only or
    /// private; its stored public half), or raw bytes of the curve's §17.5 length. False (406) for no peer,
    /// an unknown ext_kid, another curve, or a wrong length; point validity is checked by the agreement.
    /// </summary>
    public static bool TryPeerPublicKey(KeyStore keys, EcdhPeer peer, KeyType curve, out byte[] publicKey)
    {
        publicKey = [];
        if (peer.ExtKid is { } extKid)
        {
            if (!keys.TryFind(extKid, out var record) || (KeyType)record.KeyType != curve || record.PublicKey.Length == 0)
            {
                return false;
            }
            publicKey = record.PublicKey;
            return true;
        }
        if (peer.PublicKey is { } raw && raw.Length == KeyTypes.PublicKeySize(curve))
        {
            publicKey = raw;
            return true;
        }
        return false;
    }

    /// <summary>
    /// ss = ECDH(source private key, peer): X25519/X448 raw output (RFC 7748), SECP the full x-coordinate
    /// (SEC 1 §3.3.1). False for a secret that does not unseal, an invalid point, or a degenerate result.
    /// The private key is prepared once per record and kept by the keystore (issue #5: no unsealing or key
    /// import per request). The caller wipes <paramref name="sharedSecret"/>.
    /// </summary>
    public static bool TryAgree(KeyStore keys, KeySlotRecord source, byte[] peerPublic, out byte[] sharedSecret)
    {
        sharedSecret = [];
        var curve = (KeyType)source.KeyType;
        return keys.TryOpenHandle(source, secret => EcdhPrivateKey.Open(curve, secret), out var key)
            && key.TryAgree(peerPublic, out sharedSecret);
    }
}
