using HemSim.Firmware.Auth;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Auth;

/// <summary>
/// A1 <c>GET /api/auth/token</c> — login challenge (spec §10 A1, §6.1 step 1). No token; HTTP allowed.
/// Answers <c>{exp,spk,jti,lbl,eid}</c> and records <c>jti</c> as a single-use login nonce for 60 s.
/// 409 when not initialised or (§22 #17) while a fault is latched; 403 when <c>trusted_ts</c> is on
/// and the RTC is not set.
/// </summary>
internal static class AuthTokenChallenge
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/auth/token", Access.Public, EndpointFlags.RequiresInitialised, Handle);

    private static Reply Handle(RequestContext context)
    {
        var device = context.Device;
        if (device.Config!.TrustedTs && !context.RtcSet)
        {
            return Reply.Of(ApiStatus.Forbidden);
        }
        var jti = device.Boot.Nonces.Issue(NonceKind.Login, context.Now, context.Monotonic, device.Entropy);
        return Reply.Json(w =>
        {
            w.WriteNumber("exp", context.Now + (long)NonceStore.Lifetime.TotalSeconds);
            w.WriteString("spk", device.Boot.SessionPublicText);
            w.WriteString("jti", jti);
            w.WriteString("lbl", device.Config.User);
            w.WriteString("eid", Base64Text.Encode(device.Identity.EidPublic));
        });
    }
}
