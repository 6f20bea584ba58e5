using System.Security.Cryptography;
using System.Text.Json;
using HemSim.Backend.Checkin;

namespace HemSim.Backend.Notify;

/// <summary>
/// The broker's check of a message the device signed for one of its sessions — the pairing <c>request</c> (spec
/// §9.1 step 3) and the remote-login <c>authreq</c> (spec §9.2 step 3): a compact JWS whose <c>aud</c> is the
/// session's <c>epk</c>, whose <c>iss</c> is the device's <c>eid</c> and whose HMAC verifies with
/// <c>Kreq = X25519(esk, eid)</c> (docs/EXTERNAL-AUTH.md §2). This is how the broker knows the message comes from the
/// device that owns <c>eid</c>; it cannot forge one itself without <c>idk</c>.
/// </summary>
internal static class DeviceMessage
{
    /// <summary>
    /// Null when <paramref name="compact"/> holds up; else the refusal: 400 when it is not a JWS with string
    /// <c>aud</c> and <c>iss</c>, 401 when it is addressed to another session, issued by another device than
    /// <paramref name="eid"/> (when given), or its MAC fails.
    /// </summary>
    /// <param name="eid">The device the client says it comes from, or null to take the device from its <c>iss</c>; a
    /// session opened for a device (<c>POST /notify/session {eid}</c>) accepts that device only.</param>
    /// <param name="claims">The claims, for the caller's own checks.</param>
    public static (int Status, byte[] Body)? Check(string compact, BrokerSession session, byte[]? eid, string name, out JsonElement claims)
    {
        claims = default;
        if (!Jws.TryParse(compact, out _, out byte[] payload, out byte[] signature, out string signingInput)
            || NotifyJson.ObjectOf(payload) is not { } root
            || NotifyJson.StringOf(root, "aud") is not { } audText || !Jws.TryDecode(audText, out byte[] audience)
            || NotifyJson.StringOf(root, "iss") is not { } issText || !Jws.TryDecode(issText, out byte[] issuer))
        {
            return NotifyJson.BadRequest($"{name}: not a JWS with string aud and iss claims");
        }
        if (!CryptographicOperations.FixedTimeEquals(audience, session.PublicKey))
        {
            return NotifyJson.Unauthorized($"{name}: aud is not this session's epk");
        }
        if (new[] { eid, session.Eid }.Any(expected => expected is not null && !CryptographicOperations.FixedTimeEquals(issuer, expected)))
        {
            return NotifyJson.Unauthorized($"{name}: issued by another device than the session's");
        }
        byte[]? shared = session.SharedSecretWith(issuer);
        try
        {
            if (shared is null || !Jws.Verifies(signingInput, signature, shared))
            {
                return NotifyJson.Unauthorized($"{name}: the signature does not verify with the session key and the device's eid");
            }
        }
        finally
        {
            if (shared is not null)
            {
                CryptographicOperations.ZeroMemory(shared);
            }
        }
        claims = root;
        return null;
    }
}
