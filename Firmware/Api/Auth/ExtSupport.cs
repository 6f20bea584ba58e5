using HemSim.Firmware.Auth;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Json;
using HemSim.Firmware.Routing;

namespace HemSim.Firmware.Api.Auth;

/// <summary>What the external-authenticator endpoints A5–A9 share (spec §9, §10; docs/EXTERNAL-AUTH.md).</summary>
internal static class ExtSupport
{
    /// <summary>
    /// A5–A7: a token with scope prefix <c>auth:ext:pair</c> or <c>system:config</c>, role U only — M ([T] test_3) and
    /// external apps are refused 403 by the pipeline (spec §5.3).
    /// </summary>
    public static Access PairingAccess { get; } = Access.Scoped(Role.User, "auth:ext:pair", "system:config");

    /// <summary>
    /// Reads <c>epk</c> (b64 of a 32-byte X25519 key) and computes <c>Kreq = X25519(idk, epk)</c> (docs §2). False
    /// (400) when it is missing, not 32 bytes, or a low-order point that gives no shared secret: such a key is not a
    /// usable X25519 public key, so it is malformed input, not a failed operation.
    /// </summary>
    public static bool TryReadEpk(RequestContext context, out string epkText, out byte[] kreq)
    {
        kreq = [];
        return context.Body.TryGetString("epk", out epkText)
            && Base64Text.TryDecode(epkText, out var epk)
            && KeyAgreementAlgorithm.X25519.TryAgree(context.Device.Identity.EidPrivate, epk, out kreq);
    }

    /// <summary><c>eid</c> as the device writes it everywhere (standard base64, spec §11.5).</summary>
    public static string EidText(RequestContext context) => Base64Text.Encode(context.Device.Identity.EidPublic);
}
