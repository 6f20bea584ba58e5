using System.Security.Cryptography;
using System.Text.Json;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Json;

namespace HemSim.Firmware.Api.System;

/// <summary>
/// User passphrase change by key rotation (spec §11.6.1): <c>userkey</c> (the new X25519 public key),
/// <c>userkey_nonce</c> (a nonce the device issued) and <c>userkey_hmac</c> =
/// <c>HMAC-SHA256(X25519(new_priv, spk), nonce bytes)</c>, which the device recomputes as
/// <c>HMAC-SHA256(X25519(session_priv, userkey), nonce bytes)</c>. The proof shows that the sender holds the private
/// half of the new key, so a typo in a client cannot lock the user out.
/// </summary>
internal sealed class UserKeyRotation
{
    private UserKeyRotation(byte[] userKey, byte[] hmac, string nonce)
    {
        UserKey = userKey;
        Hmac = hmac;
        Nonce = nonce;
    }

    public byte[] UserKey { get; }
    public byte[] Hmac { get; }
    public string Nonce { get; }

    /// <summary>
    /// Validation phase: none of the three fields → true with null; all three well-formed → true with the request;
    /// one or two missing, a key or MAC that is not 32 bytes of base64 → false (400).
    /// </summary>
    public static bool TryRead(JsonElement root, out UserKeyRotation? rotation)
    {
        rotation = null;
        var hasKey = SystemConfigSupport.TryMember(root, "userkey", out var key);
        var hasHmac = SystemConfigSupport.TryMember(root, "userkey_hmac", out var hmac);
        var hasNonce = SystemConfigSupport.TryMember(root, "userkey_nonce", out var nonce);
        if (!hasKey && !hasHmac && !hasNonce)
        {
            return true;
        }
        if (!hasKey || !hasHmac || !hasNonce
            || !TryBytes(key, KeyAgreementAlgorithm.X25519.PublicKeySize, out var userKey)
            || !TryBytes(hmac, HMACSHA256.HashSizeInBytes, out var mac)
            || nonce.ValueKind != JsonValueKind.String || nonce.GetString()!.Length == 0)
        {
            return false;
        }
        rotation = new UserKeyRotation(userKey, mac, nonce.GetString()!);
        return true;
    }

    /// <summary>
    /// Apply phase: redeems the nonce (single use, 60 s) and checks the proof in constant time. False → 406. SIM
    /// accepts a config nonce or a login <c>jti</c> of this boot, as [M]'s debug path uses the latter (§11.6.1), and
    /// refuses a new user key equal to the master key, which would make the login role ambiguous.
    /// </summary>
    public bool Verify(DeviceCore device, TimeSpan monotonicNow)
    {
        if (!device.Boot.Nonces.TryConsumeAny(Nonce, monotonicNow, NonceKind.Config, NonceKind.Login)
            || !Base64Text.TryDecode(Nonce, out var nonceBytes)
            || CryptographicOperations.FixedTimeEquals(UserKey, device.Config!.MasterKey)
            || !KeyAgreementAlgorithm.X25519.TryAgree(device.Boot.SessionPrivate, UserKey, out var shared))
        {
            return false;
        }
        try
        {
            var expected = HMACSHA256.HashData(shared, nonceBytes);
            return CryptographicOperations.FixedTimeEquals(expected, Hmac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    private static bool TryBytes(JsonElement element, int size, out byte[] bytes)
    {
        bytes = [];
        return element.ValueKind == JsonValueKind.String
            && Base64Text.TryDecode(element.GetString()!, out bytes)
            && bytes.Length == size;
    }
}
