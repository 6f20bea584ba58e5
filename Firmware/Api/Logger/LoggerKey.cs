using HemSim.Firmware.Auth;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;

namespace HemSim.Firmware.Api.Logger;

/// <summary>
/// L1 <c>GET /api/logger/key</c> (spec §15.1): the audit-log verification key. Scope prefix <c>logger:get</c>,
/// any role, HTTP allowed, every build (EPA too).
/// <list type="bullet">
/// <item>200 <c>{"key","nonce","nonce_signed"}</c>: <c>key</c> = the identity signing key <c>eid_sign</c> (the key
/// every KEY_INIT line is signed with, §19.4); <c>nonce</c> = a fresh 32-byte time nonce (§3.10), not recorded;
/// <c>nonce_signed</c> = its Ed25519 signature under <c>eid_sign</c>, so a client can check that the key belongs to
/// the device it is talking to ([T] test_9 checks it with libsodium). Nothing is audited.</item>
/// <item>401 no token; 403 another scope (FAILED_SCOPE_CHECK); 409 fault latched or uninitialised.</item>
/// </list>
/// </summary>
internal static class LoggerKey
{
    public static readonly EndpointDescriptor Descriptor = new(
        "GET", "/api/logger/key", LoggerSupport.Access, LoggerSupport.Flags, Handle);

    private static Reply Handle(RequestContext context)
    {
        var device = context.Device;
        var nonce = NonceStore.Create(context.Now, device.Entropy);
        var signature = SignatureAlgorithm.Ed25519.Sign(device.Identity.SignSeed, nonce);
        return Reply.Json(w =>
        {
            w.WriteString("key", Base64Text.Encode(device.Identity.SignPublic));
            w.WriteString("nonce", Base64Text.Encode(nonce));
            w.WriteString("nonce_signed", Base64Text.Encode(signature));
        });
    }
}
