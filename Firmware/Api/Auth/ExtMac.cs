using System.Security.Cryptography;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Api.Auth;

/// <summary>
/// A7 <c>POST /api/auth/ext/mac</c> — proof for the broker that it talks to the owner of <c>eid</c> (spec §10 A7,
/// §9.1; docs/EXTERNAL-AUTH.md §3). Access <see cref="ExtSupport.PairingAccess"/>; HTTP allowed; 409 while faulted.
/// Body <c>{"epk"}</c>: 400 unless b64 of a usable 32-byte X25519 key (no 406, per [N]).
/// 200 <c>{"nonce","mac","eid"}</c>: a fresh 32-byte time nonce (spec §3.10) and
/// <c>mac = b64(HMAC-SHA256(X25519(idk, epk), nonce bytes))</c>. The nonce is not remembered: the broker checks it.
/// </summary>
internal static class ExtMac
{
    public static readonly EndpointDescriptor Descriptor = new(
        "POST", "/api/auth/ext/mac", ExtSupport.PairingAccess,
        EndpointFlags.RequiresInitialised | EndpointFlags.JsonBody, Handle);

    private static Reply Handle(RequestContext context)
    {
        if (!ExtSupport.TryReadEpk(context, out _, out var kreq))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        var nonce = NonceStore.Create(context.Now, context.Device.Entropy);
        var mac = HMACSHA256.HashData(kreq, nonce);
        CryptographicOperations.ZeroMemory(kreq);
        return Reply.Json(w =>
        {
            w.WriteString("nonce", Base64Text.Encode(nonce));
            w.WriteString("mac", Base64Text.Encode(mac));
            w.WriteString("eid", ExtSupport.EidText(context));
        });
    }
}
