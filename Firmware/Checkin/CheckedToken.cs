using System.Security.Cryptography;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Json;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Checkin;

/// <summary>
/// A verified <c>checked</c> token (spec §8.3): the backend's time and the action it ordered.
/// </summary>
/// <remarks>
/// SIM encoding of the reply (spec §8.4 (b), §22 #21; the real rules are unknown):
/// <list type="bullet">
/// <item><c>iss</c>: the backend's X25519 public key; it must be the key the device trusts.</item>
/// <item><c>aud</c>: the <c>jti</c> of the <c>check</c> being answered, exactly as the device sent it. That is how the
/// reply names the device's nonce (the sample's 32-byte <c>aud</c> that is not the spk fits this reading). The
/// nonce is single-use and consumed by every attempt that gets that far, as login nonces are (spec §6.2 step 4).</item>
/// <item><c>jti</c>: the backend's own nonce (not checked by the device).</item>
/// <item><c>iat</c>: the backend's Unix time, 0 to 2^32−1 (the device's time is 32-bit, spec §3.10).</item>
/// <item><c>status</c>: see <see cref="CheckinStatus"/>.</item>
/// <item>Signature: HS256 keyed with X25519(session private, <c>iss</c>) over the segments as received.</item>
/// </list>
/// Anything wrong in the token is 401: the request was well-formed JSON with a <c>checked</c> string (spec §11.4).
/// </remarks>
internal sealed record CheckedToken(long IssuedAt, string Action)
{
    public static ApiStatus Verify(DeviceCore device, string compact, TimeSpan monotonicNow, out CheckedToken? token)
    {
        token = null;
        if (!Jwt.TryParse(compact, out var jwt) || !HasHs256Header(jwt!.Header) || !JsonBody.TryParse(jwt.Payload, out var body))
        {
            return ApiStatus.Unauthorized;
        }
        using var payload = body!;
        var trusted = CheckToken.TrustedBackendKey(device);
        if (!payload.TryGetString("iss", out var issText)
            || !Base64Text.TryDecode(issText, out var issuer)
            || issuer.Length != trusted.Length
            || !CryptographicOperations.FixedTimeEquals(issuer, trusted))
        {
            return ApiStatus.Unauthorized;
        }
        if (!payload.TryGetString("aud", out var nonce))
        {
            return ApiStatus.Unauthorized;
        }
        if (!KeyAgreementAlgorithm.X25519.TryAgree(device.Boot.SessionPrivate, issuer, out var shared))
        {
            return ApiStatus.Unauthorized;
        }
        try
        {
            // The MAC first: an unauthenticated sender must not be able to burn the device's outstanding nonces.
            if (!jwt.HasValidHs256Signature(shared)
                || !device.Boot.Nonces.TryConsume(NonceKind.Checkin, nonce, monotonicNow)
                || !payload.TryGetInt64("iat", out var iat) || iat < 0 || iat > uint.MaxValue
                || !payload.TryGetString("status", out var status))
            {
                return ApiStatus.Unauthorized;
            }
            token = new CheckedToken(iat, CheckinStatus.Decode(shared, status));
            return ApiStatus.Ok;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    /// <summary>Any member order; <c>alg</c> must be HS256 (as for login proofs, spec §6.2 step 3).</summary>
    private static bool HasHs256Header(byte[] header)
    {
        if (!JsonBody.TryParse(header, out var body))
        {
            return false;
        }
        using (body)
        {
            return body!.TryGetString("alg", out var alg) && alg == "HS256";
        }
    }
}
