using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Json;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Auth;

/// <summary>
/// A2 <c>POST /api/auth/token</c> — login (spec §10 A2, §6.2). Body <c>{"auth":"&lt;eJWT&gt;"}</c>.
/// 400: body unparseable, <c>auth</c> missing or not a string, scope/ctx over their limits.
/// 401: anything wrong with the proof (segments, alg, nonce, aud, iss, signature).
/// 403: <c>trusted_ts</c> on and RTC unset. 409: not initialised or fault latched.
/// Every response is throttled (spec §5.6, by the pipeline). On success the token's <c>exp</c> is the
/// proof's <c>exp</c>, or iat + 8 h when it is 0 or absent (spec §5.5, §22 #1: faithful, no cap).
/// </summary>
internal static class AuthToken
{
    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/auth/token", Access.Public,
        EndpointFlags.RequiresInitialised | EndpointFlags.JsonBody | EndpointFlags.Throttled, Handle);

    private static Reply Handle(RequestContext context)
    {
        var device = context.Device;
        var config = device.Config!;
        if (!context.Body.TryGetString("auth", out var auth))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        if (config.TrustedTs && !context.RtcSet)
        {
            return Reply.Of(ApiStatus.Forbidden);
        }
        var role = Role.None;
        var status = EjwtProof.Verify(
            auth, NonceKind.Login, device.Boot.Nonces, context.Monotonic,
            device.Boot.SessionPublicText, device.Boot.SessionPrivate,
            issuer =>
            {
                // Both comparisons always run, in constant time, so timing does not tell which key matched.
                var isUser = CryptographicOperations.FixedTimeEquals(issuer, config.UserKey);
                var isMaster = CryptographicOperations.FixedTimeEquals(issuer, config.MasterKey);
                role = isUser ? Role.User : isMaster ? Role.Master : Role.None;
                return role != Role.None;
            },
            out var proof);
        if (status != ApiStatus.Ok)
        {
            return Reply.Of(status);
        }
        using (proof)
        {
            var subject = role == Role.User ? "U" : "M";
            var expires = proof!.Expires is { } exp && exp != 0 ? exp : context.Now + BearerToken.DefaultLifetimeSeconds;
            var jti = Base64Text.Encode(NonceStore.Create(context.Now, device.Entropy));
            var token = BearerToken.Mint(new TokenClaims(proof.Scope, subject, context.Now, expires, jti, proof.Ctx), device.Boot.TokenKey);

            device.Audit(AuditEvent.AuthSuccessInternal, AuditResult.Ok, subject, Encoding.ASCII.GetBytes(proof.Scope));
            // §22 #36: event 23 records that a key-access token was issued.
            if (proof.Scope.StartsWith(Scope.KeyUsePrefix, StringComparison.Ordinal)
                && Kid.TryParse(proof.Scope[Scope.KeyUsePrefix.Length..], out var kid))
            {
                device.Audit(AuditEvent.KeyUsagePkey, AuditResult.Ok, subject, kid.ToBytes());
            }
            return Reply.Json(w => w.WriteString("token", token));
        }
    }
}
