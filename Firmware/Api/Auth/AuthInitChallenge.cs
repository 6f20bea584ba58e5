using HemSim.Firmware.Auth;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Auth;

/// <summary>
/// A3 <c>GET /api/auth/init</c> — provisioning challenge (spec §10 A3). No token; HTTP allowed.
/// Answers <c>{exp,spk,jti,genuine,eid}</c> and records <c>jti</c> as a single-use init nonce.
/// 406 once initialised ([T] expects exactly 406); 403 while the RTC is not set (always required here);
/// 409 while a fault is latched.
/// </summary>
internal static class AuthInitChallenge
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/auth/init", Access.Public, EndpointFlags.None, Handle);

    private static Reply Handle(RequestContext context)
    {
        var device = context.Device;
        if (AuthSupport.ProvisioningRefusal(context) is { } refusal)
        {
            return refusal;
        }
        var jti = device.Boot.Nonces.Issue(NonceKind.Init, context.Now, context.Monotonic, device.Entropy);
        return Reply.Json(w =>
        {
            w.WriteNumber("exp", context.Now + (long)NonceStore.Lifetime.TotalSeconds);
            w.WriteString("spk", device.Boot.SessionPublicText);
            w.WriteString("jti", jti);
            w.WriteString("genuine", device.Attestation.GenuineToken(context.Now));
            w.WriteString("eid", Base64Text.Encode(device.Identity.EidPublic));
        });
    }
}
