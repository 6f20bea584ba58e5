using System.Text.Json;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Auth;

/// <summary>
/// A verified eJWT proof (login, spec §6.2; provisioning, spec §7.3): the payload, the issuer's
/// X25519 public key and the optional claims the device uses. Dispose to release the payload.
/// </summary>
internal sealed class EjwtProof : IDisposable
{
    private EjwtProof(JsonBody payload, byte[] issuer, string scope, string? ctx, long? expires)
    {
        Payload = payload;
        Issuer = issuer;
        Scope = scope;
        Ctx = ctx;
        Expires = expires;
    }

    public JsonBody Payload { get; }

    /// <summary>The 32-byte X25519 public key from <c>iss</c>.</summary>
    public byte[] Issuer { get; }

    /// <summary>Requested scope; empty when absent.</summary>
    public string Scope { get; }

    public string? Ctx { get; }

    /// <summary>The proof's <c>exp</c> claim, or null when absent.</summary>
    public long? Expires { get; }

    /// <summary>Longest <c>ctx</c> a proof may carry (spec §6.2 step 8: shorter than 64 characters).</summary>
    public const int MaxCtxLength = 63;

    /// <summary>
    /// Verifies a compact eJWT exactly as spec §6.2 describes, in its order: segments, header
    /// <c>alg</c>, single-use nonce (consumed on every attempt), <c>aud</c> = current spk, <c>iss</c>
    /// accepted by <paramref name="acceptIssuer"/>, HMAC-SHA256 keyed with X25519(session, iss) over the
    /// received segments, then the scope and ctx limits.
    /// </summary>
    /// <returns>200 with a proof, 401 for anything a forger controls, 400 for limits the spec sends as 400.</returns>
    public static ApiStatus Verify(
        string compact,
        NonceKind nonceKind,
        NonceStore nonces,
        TimeSpan monotonicNow,
        string sessionPublicText,
        ReadOnlySpan<byte> sessionPrivateKey,
        Func<byte[], bool> acceptIssuer,
        out EjwtProof? proof)
    {
        proof = null;
        if (!Jwt.TryParse(compact, out var jwt) || !HasHs256Header(jwt!.Header))
        {
            return ApiStatus.Unauthorized;
        }
        if (!JsonBody.TryParse(jwt.Payload, out var payload))
        {
            return ApiStatus.Unauthorized;
        }
        var keep = false;
        try
        {
            if (!payload!.TryGetString("jti", out var jti) || !nonces.TryConsume(nonceKind, jti, monotonicNow))
            {
                return ApiStatus.Unauthorized;
            }
            // §22 #29: reject an aud that is present and is not the current spk.
            if (payload.Has("aud") && (!payload.TryGetString("aud", out var aud) || aud != sessionPublicText))
            {
                return ApiStatus.Unauthorized;
            }
            if (!payload.TryGetString("iss", out var issText)
                || !Base64Text.TryDecode(issText, out var issuer)
                || issuer.Length != KeyAgreementAlgorithm.X25519.PublicKeySize
                || !acceptIssuer(issuer))
            {
                return ApiStatus.Unauthorized;
            }
            if (!KeyAgreementAlgorithm.X25519.TryAgree(sessionPrivateKey, issuer, out var shared))
            {
                return ApiStatus.Unauthorized;
            }
            var signatureValid = jwt.HasValidHs256Signature(shared);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(shared);
            if (!signatureValid)
            {
                return ApiStatus.Unauthorized;
            }
            var scope = "";
            if (payload.Has("scope") && (!payload.TryGetString("scope", out scope) || scope.Length > HemSim.Firmware.Auth.Scope.MaxLength))
            {
                return ApiStatus.Malformed;
            }
            string? ctx = null;
            if (payload.Has("ctx") && (!payload.TryGetString("ctx", out var ctxText) || (ctx = ctxText).Length > MaxCtxLength))
            {
                return ApiStatus.Malformed;
            }
            long? expires = payload.TryGetInt64("exp", out var exp) ? exp : null;
            proof = new EjwtProof(payload, issuer, scope, ctx, expires);
            keep = true;
            return ApiStatus.Ok;
        }
        finally
        {
            if (!keep)
            {
                payload!.Dispose();
            }
        }
    }

    /// <summary>Spec §6.2 step 3: any member order, <c>alg</c> must be HS256; <c>ecdh</c> tolerated absent.</summary>
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

    public void Dispose() => Payload.Dispose();
}
