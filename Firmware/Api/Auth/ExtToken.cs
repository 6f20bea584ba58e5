using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Auth.External;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Platform;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Auth;

/// <summary>
/// A9 <c>POST /api/auth/ext/token</c> — redeem an app's approval (spec §10 A9, §9.2 step 5; docs/EXTERNAL-AUTH.md
/// §4 step 7). No token; HTTP allowed; 409 uninitialised or faulted. Body <c>{"authreply"}</c>. In this order:
/// 400 not a three-part JWS with string jti, pid (b64, 1–58 bytes), iss, scope (b64), integer exp and, when present,
/// string ctx; 403 RTC not set; 406 unsupported header, no paired app for pid, iss ≠ b64(SHA-256(pid));
/// 401 HMAC under that app's Kapp fails, jti not an outstanding approval request or not sent to this app, exp passed
/// (the reply's or the request's), already redeemed, ctx not the request's; 406 scope blob tampered; 401 approved
/// scope not the requested one; 406 approved scope over 127 characters. 200 <c>{"token"}</c> with sub = b64(app kid),
/// the approved scope, exp = min(reply exp, request exp) and the request's ctx; the request is consumed. Audit
/// AUTH_SUCCESS_EXTERNAL / OK (subject b64url kid, data = scope); refusals are deliberately not logged (spec §9.2).
/// Every answer is padded like a login (§5.6).
/// </summary>
/// <remarks>
/// The padding shares the login throttle (<see cref="LoginThrottle"/>): a run of failed redemptions also slows the
/// next login and the other way round, as one brute-force counter for the device's authentication (FPT_AFL.1).
/// </remarks>
internal static class ExtToken
{
    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/auth/ext/token", Access.Public,
        EndpointFlags.RequiresInitialised | EndpointFlags.JsonBody | EndpointFlags.Throttled, Handle);

    private static Reply Handle(RequestContext context)
    {
        if (!context.Body.TryGetString("authreply", out var authreply)
            || !ExtJws.TryParse(authreply, out var jws, out var claims))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        using (claims)
        {
            if (!claims!.TryGetString("jti", out var jti)
                || !ExtJws.TryGetBytes(claims, "pid", 1, PairedApps.MaxPidBytes, out var pid)
                || !claims.TryGetString("iss", out var iss)
                || !claims.TryGetString("scope", out var scopeText) || !Base64Text.TryDecode(scopeText, out var blob)
                || !claims.TryGetInt64("exp", out var replyExp)
                || !TryReadCtx(claims, out var ctx))
            {
                return Reply.Of(ApiStatus.Malformed);
            }
            if (!context.RtcSet)
            {
                return Reply.Of(ApiStatus.Forbidden);
            }
            var device = context.Device;
            if (!ExtJws.IsSupported(jws!)
                || !PairedApps.TryFind(device.Keys, pid, out var app)
                || !ExtValidate.IsAppId(iss, pid))
            {
                return Reply.Of(ApiStatus.OperationFailed);
            }
            if (!KeyAgreementAlgorithm.X25519.TryAgree(device.Identity.EidPrivate, app.PublicKey, out var kapp))
            {
                return Reply.Of(ApiStatus.OperationFailed);
            }
            try
            {
                var approvals = device.Boot.External.Approvals;
                if (!jws!.HasValidHs256Signature(kapp)
                    || !approvals.TryGet(jti, out var pending)
                    || !pending.AppIds.Contains(Base64Text.Encode(PairedApps.AppId(pid)))
                    || replyExp <= context.Now || pending.Expires <= context.Now
                    // ctx is optional in an approval (spec §9.2); when present it must be the request's. The token takes
                    // the request's ctx either way: the jti already binds the approval to that request.
                    || (ctx is not null && !string.Equals(ctx, pending.Ctx, StringComparison.Ordinal))
                    || !Base64Text.TryDecode(jti, out var jtiBytes))
                {
                    return Reply.Of(ApiStatus.Unauthorized);
                }
                if (!ScopeBlob.TryOpen(kapp, jtiBytes, ScopeBlob.ReplyInfo, blob, out var approved))
                {
                    return Reply.Of(ApiStatus.OperationFailed);
                }
                // SIM: the approved scope must be exactly the requested one. Scopes match by prefix (spec §5.4), so a
                // LONGER token scope passes more checks ("logger:get" passes "logger"), not fewer: no "narrower"
                // approval is safe to accept. The app approves or denies; it cannot change the scope.
                if (!string.Equals(approved, pending.Scope, StringComparison.Ordinal))
                {
                    return Reply.Of(ApiStatus.Unauthorized);
                }
                // SIM: ext/request takes scopes up to 1023 characters, but no token may carry one over the login
                // limit (spec §5.4, §6.2 step 8); such an approval is refused and the request stays outstanding.
                if (approved.Length > Scope.MaxLength)
                {
                    return Reply.Of(ApiStatus.OperationFailed);
                }
                approvals.Remove(jti);
                return Issue(context, app, approved, Math.Min(replyExp, pending.Expires), pending.Ctx);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(kapp);
            }
        }
    }

    /// <summary>
    /// Mints the external-app token (spec §5.1: sub = b64 of the 16 kid bytes; ctx copied in as a login does,
    /// §22 #27) and logs event 14.
    /// </summary>
    private static Reply Issue(RequestContext context, KeySlotRecord app, string scope, long expires, string? ctx)
    {
        var device = context.Device;
        var jti = Base64Text.Encode(NonceStore.Create(context.Now, device.Entropy));
        var token = BearerToken.Mint(
            new TokenClaims(scope, Base64Text.Encode(app.Kid), context.Now, expires, jti, ctx), device.Boot.TokenKey);
        device.Audit(AuditEvent.AuthSuccessExternal, AuditResult.Ok, Base64Text.EncodeUrl(app.Kid), Encoding.UTF8.GetBytes(scope));
        return Reply.Json(w => w.WriteString("token", token));
    }

    /// <summary>The optional <c>ctx</c> claim: absent (or null) → null; otherwise it must be a string.</summary>
    private static bool TryReadCtx(JsonBody claims, out string? ctx)
    {
        ctx = null;
        if (!claims.Has("ctx"))
        {
            return true;
        }
        if (!claims.TryGetString("ctx", out var text))
        {
            return false;
        }
        ctx = text;
        return true;
    }
}
