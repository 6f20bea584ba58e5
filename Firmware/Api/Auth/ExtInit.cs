using System.Security.Cryptography;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Auth.External;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Auth;

/// <summary>
/// A5 <c>POST /api/auth/ext/init</c> — pairing step 1 (spec §10 A5, §9.1 step 3; docs/EXTERNAL-AUTH.md §3 step 2).
/// Access <see cref="ExtSupport.PairingAccess"/>; HTTP allowed; 409 while a fault is latched (before the scope
/// check, [T] test_5). Body <c>{"epk"}</c>: 400 unless b64 of a usable 32-byte X25519 key.
/// 200 <c>{"request","eid"}</c>: <c>request</c> claims jti, exp (now + 86400), aud (epk as sent), iss (eid), signed
/// with <c>Kreq = X25519(idk, epk)</c>. The jti is remembered as an outstanding pairing nonce (at most 16, one boot).
/// Audit: only FAILED_SCOPE_CHECK on 403 (pipeline).
/// </summary>
internal static class ExtInit
{
    /// <summary>The <c>request</c>'s lifetime (spec §9.1: exp = now + 86400).</summary>
    public const long RequestLifetimeSeconds = 86400;

    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/auth/ext/init", ExtSupport.PairingAccess,
        EndpointFlags.RequiresInitialised | EndpointFlags.JsonBody, Handle);

    private static Reply Handle(RequestContext context)
    {
        if (!ExtSupport.TryReadEpk(context, out var epk, out var kreq))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        var device = context.Device;
        var eid = ExtSupport.EidText(context);
        // A 32-byte nonce like every other the device issues (spec §3.10): Unix time, then 28 random bytes.
        var jti = Base64Text.Encode(NonceStore.Create(context.Now, device.Entropy));
        var payload = JsonOut.Object(w =>
        {
            w.WriteString("jti", jti);
            w.WriteNumber("exp", context.Now + RequestLifetimeSeconds);
            w.WriteString("aud", epk);
            w.WriteString("iss", eid);
        });
        var request = ExtJws.Sign(payload, kreq);
        CryptographicOperations.ZeroMemory(kreq);
        device.Boot.External.Pairings.Add(jti, new PendingPairing(context.Monotonic + TimeSpan.FromSeconds(RequestLifetimeSeconds)));
        return Reply.Json(w =>
        {
            w.WriteString("request", request);
            w.WriteString("eid", eid);
        });
    }
}
